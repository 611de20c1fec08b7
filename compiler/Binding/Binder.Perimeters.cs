using System.Collections.Immutable;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Emit;
using Sec08Policy.Compiler.Formatting;
using Sec08Policy.Compiler.Symbols;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Perimeters;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Compiler.Binding;

/// <summary>
/// <c>perimeter NAME { ... }</c>: services that resource control policies restrict, organization and account IDs,
/// VPC endpoint and VPC IDs, CIDR blocks and principal ARN patterns, each checked where it is written; and an
/// <c>unless</c> that every document the perimeter is written to can express.
/// </summary>
internal sealed partial class Binder
{
    private readonly HashSet<string> _perimeterNames = new(StringComparer.Ordinal);

    private PerimeterSymbol? BindPerimeter(MemberSet members, ImmutableArray<KeySymbol> keys, PolicyHeaderSymbol? header)
    {
        var declared = Declare(_perimeterNames, "perimeter", members);
        var name = members.Block.NameText;
        var services = BindPerimeterServices(members, name);
        var organizations = BindPerimeterValues(members, MemberKind.Organizations, ContextAttribute.PrincipalOrg);
        var accounts = BindPerimeterValues(members, MemberKind.TrustedAccounts, ContextAttribute.PrincipalAccount);
        var resourceAccounts = BindPerimeterValues(members, MemberKind.ResourceAccounts, ContextAttribute.ResourceAccount);
        var endpoints = BindPerimeterValues(members, MemberKind.VpcEndpoints, ContextAttribute.VpcEndpoint);
        var vpcs = BindPerimeterValues(members, MemberKind.Vpcs, ContextAttribute.SourceVpc);
        var cidrs = BindPerimeterValues(members, MemberKind.Cidrs, ContextAttribute.SourceIp);
        var except = BindPerimeterValues(members, MemberKind.ExceptPrincipals, ContextAttribute.PrincipalArn);
        var unless = BindCondition(members, MemberKind.Unless);
        CheckPerimeterCondition(members, services);

        var anyStated = new[] { MemberKind.Organizations, MemberKind.TrustedAccounts, MemberKind.ResourceAccounts, MemberKind.VpcEndpoints, MemberKind.Vpcs, MemberKind.Cidrs }
            .Any(k => !members.Strings(k).IsEmpty);
        if (!anyStated)
        {
            _diagnostics.ReportWithHelp(
                Descriptors.PerimeterWithoutBoundary,
                members.NameLocation,
                "add `organizations`, `accounts`, `resource accounts`, `vpc endpoints`, `vpcs` or `cidrs`",
                name);
        }

        if (!declared)
        {
            return null;
        }

        var symbol = new PerimeterSymbol(name, members.String(MemberKind.Description), services, organizations, accounts, resourceAccounts, endpoints, vpcs, cidrs, except, unless, members.NameLocation);
        ReportPerimeterLockouts(members, symbol, keys, header);
        return symbol;
    }

    /// <summary>The IAM prefixes of <c>services</c>; every service RCPs restrict when the member is left out.</summary>
    private ImmutableArray<string> BindPerimeterServices(MemberSet members, string perimeter)
    {
        var names = members.Names(MemberKind.Services);
        if (names.IsEmpty)
        {
            return ResourceControlServices.Prefixes;
        }

        var services = ImmutableArray.CreateBuilder<string>();
        foreach (var name in names)
        {
            if (ResourceControlServices.IsSupported(name.Text))
            {
                services.Add(name.Text);
                continue;
            }

            _diagnostics.ReportWithHelp(
                Descriptors.PerimeterServiceNotResourceControlled,
                At(members, name),
                "keep the perimeter to those services, and control the others with a resource policy or an SCP `deny` rule",
                perimeter,
                name.Text,
                $"AWS Organizations applies RCPs only to the actions of {string.Join(", ", ResourceControlServices.Prefixes.Select(p => $"`{p}`"))}");
        }

        return [.. services.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The values of a list member that have the attribute's shape; each malformed one is an error at its position.</summary>
    private ImmutableArray<string> BindPerimeterValues(MemberSet members, MemberKind kind, ContextAttribute attribute)
    {
        var values = ImmutableArray.CreateBuilder<string>();
        foreach (var literal in members.Strings(kind))
        {
            if (ContextValues.Problem(attribute, literal.Value) is { } expected)
            {
                _diagnostics.Report(Descriptors.MalformedContextValue, At(members, literal), literal.Value, expected);
                continue;
            }

            values.Add(literal.Value);
        }

        return [.. values.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The <c>unless</c> goes into a resource control policy, and into the key policies when the perimeter covers KMS.
    /// An RCP binds callers of every account and AWS service principals, so an exception on MFA would rest on
    /// credentials other accounts govern, and <c>aws:MultiFactorAuthPresent</c> is never present for service principals
    /// or long-term keys; key policies reject <c>aws:ResourceTag</c>.
    /// </summary>
    private void CheckPerimeterCondition(MemberSet members, ImmutableArray<string> services)
    {
        var member = members.Get<ExpressionMemberSyntax>(MemberKind.Unless);
        if (member is null)
        {
            return;
        }

        foreach (var operand in Operands(member.Expression))
        {
            var text = ExpressionPrinter.Print(operand);
            if (operand is ContextReferenceSyntax reference && (reference.Name == ContextAttribute.MfaPresent.Name || reference.Name == ContextAttribute.MfaAge.Name))
            {
                _diagnostics.ReportWithHelp(
                    Descriptors.PerimeterConditionNotExpressible,
                    At(members, operand),
                    "require MFA with a `deny` rule, which binds the organization's own principals",
                    text,
                    members.Block.NameText,
                    "a resource control policy",
                    "it binds callers of every account and AWS service principals, whose MFA the organization does not govern, and AWS never sends `aws:MultiFactorAuthPresent` for service principals or long-term access keys");
            }
            else if (services.Contains("kms") && operand is ClassificationReferenceSyntax or TagReferenceSyntax { Scope: TagScope.Resource })
            {
                _diagnostics.ReportWithHelp(
                    Descriptors.PerimeterConditionNotExpressible,
                    At(members, operand),
                    "condition the exception on principal or request attributes, or leave `kms` out of `services`",
                    text,
                    members.Block.NameText,
                    "a key policy",
                    "it needs `aws:ResourceTag`, which key policies reject");
            }
        }
    }

    /// <summary>Warnings for statements that would deny the organization's own principals or the keys' service-linked roles.</summary>
    private void ReportPerimeterLockouts(MemberSet members, PerimeterSymbol perimeter, ImmutableArray<KeySymbol> keys, PolicyHeaderSymbol? header)
    {
        if (perimeter.Organizations.IsEmpty && !perimeter.Accounts.IsEmpty)
        {
            _diagnostics.ReportWithHelp(
                Descriptors.PerimeterDeniesOwnOrganization,
                members.NameLocation,
                "add `organizations` with the organization's ID (`o-...`)",
                SidNames.Pascal(perimeter.Name, "identity"),
                perimeter.Name);
        }

        var network = !perimeter.VpcEndpoints.IsEmpty || !perimeter.Vpcs.IsEmpty || !perimeter.Cidrs.IsEmpty;
        if (!network || !perimeter.Services.Contains("kms"))
        {
            return;
        }

        var accounts = keys.Select(k => KeyOwner.Find(k, header?.Account)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var account in accounts)
        {
            var serviceLinkedRole = $"arn:aws:iam::{account}:role/aws-service-role/kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceMultiRegionKeys";
            if (!perimeter.ExceptPrincipals.Any(p => WildcardPattern.IsMatch(p, serviceLinkedRole, ignoreCase: false)))
            {
                _diagnostics.ReportWithHelp(
                    Descriptors.PerimeterDeniesServiceLinkedRoles,
                    members.NameLocation,
                    $"add `except principals \"arn:aws:iam::{account}:role/aws-service-role/*\"`",
                    SidNames.Pascal(perimeter.Name, "network"),
                    perimeter.Name,
                    account);
            }
        }
    }
}
