using System.Collections.Immutable;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Engine.Perimeters;

/// <summary>Which of a perimeter's three promises a statement keeps.</summary>
public enum PerimeterKind
{
    /// <summary>Only trusted identities reach the resources (<c>aws:PrincipalOrgID</c>, <c>aws:PrincipalAccount</c>).</summary>
    Identity,

    /// <summary>The policy's principals reach only trusted resources (<c>aws:ResourceOrgID</c>, <c>aws:ResourceAccount</c>).</summary>
    Resource,

    /// <summary>Requests come from the expected networks (<c>aws:SourceIp</c>, <c>aws:SourceVpce</c>, <c>aws:SourceVpc</c>).</summary>
    Network,
}

/// <summary>The documents a perimeter statement is written to.</summary>
[Flags]
public enum PerimeterDocuments
{
    None = 0,

    /// <summary>Resource control policies, <c>rcp/N.json</c>: bind every caller of the resources of member accounts.</summary>
    ResourceControl = 1,

    /// <summary>Service control policies, <c>scp/N.json</c>: bind the principals of member accounts.</summary>
    ServiceControl = 2,

    /// <summary>The policy of every declared key, <c>kms/KEY.json</c>: binds every caller of the key, in any account.</summary>
    KeyPolicy = 4,
}

/// <summary>
/// One Deny a perimeter stands for: the actions of its services, denied when <see cref="Condition"/> holds (the
/// request is outside the perimeter, and no exception applies). The language's decision procedure and the emitters
/// read the same condition.
/// </summary>
public sealed record PerimeterStatement(Perimeter Perimeter, PerimeterKind Kind, PerimeterDocuments Documents, Predicate Condition)
{
    /// <summary>The clause ID in reports and the manifest: <c>PERIMETER.identity</c>.</summary>
    public string Id => $"{Perimeter.Name}.{Kind.ToString().ToLowerInvariant()}";

    /// <summary>The actions the statement denies in resource and service control policies.</summary>
    public ImmutableArray<string> Actions => [.. Perimeter.Services.SelectMany(s => ResourceControlServices.Actions(s)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The actions it denies in a key policy: every KMS action, when the perimeter covers KMS.</summary>
    public static ImmutableArray<string> KeyPolicyActions { get; } = ["kms:*"];

    public static ImmutableArray<PerimeterStatement> Of(Perimeter perimeter)
    {
        var statements = ImmutableArray.CreateBuilder<PerimeterStatement>();
        var coversKeys = perimeter.Services.Contains("kms", StringComparer.Ordinal) ? PerimeterDocuments.KeyPolicy : PerimeterDocuments.None;
        if (!perimeter.Organizations.IsEmpty || !perimeter.Accounts.IsEmpty)
        {
            statements.Add(new(perimeter, PerimeterKind.Identity, PerimeterDocuments.ResourceControl | coversKeys, Conjunction(
                perimeter,
                NotIn(ContextAttribute.PrincipalOrg, perimeter.Organizations),
                NotIn(ContextAttribute.PrincipalAccount, perimeter.Accounts),
                NotTrue(ContextAttribute.PrincipalIsAwsService))));
        }

        if (!perimeter.Organizations.IsEmpty || !perimeter.ResourceAccounts.IsEmpty)
        {
            statements.Add(new(perimeter, PerimeterKind.Resource, PerimeterDocuments.ServiceControl, Conjunction(
                perimeter,
                NotIn(ContextAttribute.ResourceOrg, perimeter.Organizations),
                NotIn(ContextAttribute.ResourceAccount, perimeter.ResourceAccounts),
                NotTrue(ContextAttribute.ViaAwsService))));
        }

        if (!perimeter.VpcEndpoints.IsEmpty || !perimeter.Vpcs.IsEmpty || !perimeter.Cidrs.IsEmpty)
        {
            statements.Add(new(perimeter, PerimeterKind.Network, PerimeterDocuments.ResourceControl | PerimeterDocuments.ServiceControl | coversKeys, Conjunction(
                perimeter,
                NotIn(ContextAttribute.SourceIp, perimeter.Cidrs),
                NotIn(ContextAttribute.VpcEndpoint, perimeter.VpcEndpoints),
                NotIn(ContextAttribute.SourceVpc, perimeter.Vpcs),
                NotTrue(ContextAttribute.PrincipalIsAwsService),
                NotTrue(ContextAttribute.ViaAwsService))));
        }

        return statements.ToImmutable();
    }

    /// <summary>The tests, then the break-glass principals and the <c>unless</c>, all of which must hold to deny.</summary>
    private static AndPredicate Conjunction(Perimeter perimeter, params Predicate?[] tests) =>
        new AndPredicate([.. tests.Append(NotIn(ContextAttribute.PrincipalArn, perimeter.ExceptPrincipals)).Append(perimeter.Applies).OfType<Predicate>()]);

    /// <summary>The attribute is none of the values (true when it is absent); null for an empty list, which tests nothing.</summary>
    private static InPredicate? NotIn(ContextAttribute attribute, ImmutableArray<string> values) =>
        values.IsEmpty ? null : new InPredicate(new ContextOperand(attribute), [.. values.Select(v => (Operand)new StringOperand(v))], Negated: true);

    private static EqualsPredicate NotTrue(ContextAttribute attribute) =>
        new(new ContextOperand(attribute), new StringOperand("true"), Negated: true);
}
