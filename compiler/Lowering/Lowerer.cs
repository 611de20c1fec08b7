using System.Collections.Immutable;
using Sec08Policy.Compiler.Binding;
using Sec08Policy.Compiler.Symbols;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Compiler.Text;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Compiler.Lowering;

/// <summary>
/// Lowers the bound model of an error-free compilation into the engine's policy IR, recording the source location
/// of every origin it hands out.
/// </summary>
internal static class Lowerer
{
    public static PolicySet Lower(BoundPolicySet bound) => LowerWithSources(bound).PolicySet;

    public static LoweredPolicy LowerWithSources(BoundPolicySet bound)
    {
        var sources = new SourceMap.Builder();
        var account = bound.Header?.Account;
        var scheme = bound.Classification is { } c ? new ClassificationScheme(c.Name, c.TagKey, c.Levels, c.DefaultLevel) : null;
        var keys = bound.Keys.Select(k => new KeySpec(
            k.Name,
            k.Alias,
            k.Description,
            k.Protects,
            k.RotationDays,
            k.DeletionWindowDays,
            k.MultiRegion,
            KeyOwner.Find(k, account),
            k.Administrators,
            k.Users,
            k.ViaServices,
            k.CallerAccounts,
            k.EncryptionContextKeys,
            sources.Add(k.Location))
        {
            Spec = k.Spec,
            MaterialOrigin = Engine.Catalog.Resources.ResourceCatalog.Default.Keys.FindOrigin(k.Origin)?.Api ?? "AWS_KMS",
            ReplicaRegions = k.ReplicaRegions,
        }).ToImmutableArray();
        var rules = bound.Requirements.SelectMany(r => r.Clauses.Select((clause, i) => LowerClause(r, clause, i, bound.Classification, sources))).ToImmutableArray();
        var access = bound.AccessRules.Select(r => LowerAccessRule(r, bound.Classification, sources)).ToImmutableArray();
        var waivers = bound.Waivers
            .Where(w => w.Requirement is not null && w.Expires is not null)
            .Select(w => new Waiver(w.Name, w.Requirement!.Name, w.Resources, w.Reason, w.Owner, w.Expires!.Value, sources.Add(w.Location)))
            .ToImmutableArray();
        var perimeters = bound.Perimeters.Select(p => LowerPerimeter(p, bound.Classification, sources)).ToImmutableArray();
        var policySet = new PolicySet(bound.Header?.Name, account, bound.Header?.S3BucketAbac ?? false, scheme, keys, rules, access, waivers) { Perimeters = perimeters };
        return new LoweredPolicy(policySet, sources.ToSourceMap());
    }

    public static SourceOrigin Origin(Location location) =>
        new(location.Path, location.Start.Line + 1, location.Start.Character + 1);

    private static CompiledRule LowerClause(RequirementSymbol requirement, BoundClause clause, int index, ClassificationSymbol? scheme, SourceMap.Builder sources)
    {
        var assertion = clause.Assertion;
        Predicate check = assertion.Kind switch
        {
            AssertionKind.Encrypted => new EncryptedPredicate(),
            AssertionKind.EncryptedWithCustomerManagedKey => new CustomerManagedKeyPredicate(),
            AssertionKind.EncryptedWithKey => new NamedKeyPredicate(assertion.Key!.Name, assertion.Key.Alias),
            AssertionKind.KeyRotation => new KeyRotationPredicate(assertion.Days),
            AssertionKind.KeySpec => new KeySpecPredicate(assertion.Accepted, assertion.Demand!),
            AssertionKind.KeyOrigin => new KeyOriginPredicate(assertion.Accepted),
            AssertionKind.KeyReplicated => new KeyReplicatedPredicate(assertion.Values),
            AssertionKind.CopiesEncrypted => new CopiesEncryptedPredicate(null),
            AssertionKind.CopiesEncryptedWithKey => new CopiesEncryptedPredicate(new NamedKeyPredicate(assertion.Key!.Name, assertion.Key.Alias)),
            AssertionKind.RetentionAtLeast => new RetentionPredicate(RetentionBound.AtLeast, assertion.Days!.Value),
            AssertionKind.RetentionAtMost => new RetentionPredicate(RetentionBound.AtMost, assertion.Days!.Value),
            AssertionKind.Regions => new RegionPredicate(assertion.Values),
            AssertionKind.Tags => new TagsPresentPredicate(assertion.Values),
            _ => throw new InvalidOperationException($"unexpected assertion {assertion.Kind}"),
        };

        LevelRange? levels = null;
        if (clause.Scope is { } scope && scheme is not null)
        {
            var included = scheme.Levels.Where((_, rank) => scope.Includes(rank)).ToImmutableArray();
            levels = new LevelRange($"classification {SyntaxFacts.GetText(scope.Operator)} {scope.Level}", included);
        }

        return new CompiledRule(
            requirement.Name,
            index + 1,
            requirement.Services,
            levels,
            check,
            requirement.Severity,
            requirement.Control,
            requirement.Compliance,
            RuleMessages.Describe(requirement, clause, levels),
            requirement.Remediation ?? RuleMessages.DefaultRemediation(assertion),
            requirement.Enforcement == Enforcement.Preventive,
            sources.Add(clause.Location));
    }

    /// <summary>A perimeter's <c>unless</c> becomes the condition its Denies need, failing closed as deny rules do.</summary>
    private static Engine.Perimeters.Perimeter LowerPerimeter(PerimeterSymbol perimeter, ClassificationSymbol? scheme, SourceMap.Builder sources) =>
        new(
            perimeter.Name,
            perimeter.Description,
            perimeter.Services,
            perimeter.Organizations,
            perimeter.Accounts,
            perimeter.ResourceAccounts,
            perimeter.VpcEndpoints,
            perimeter.Vpcs,
            perimeter.Cidrs,
            perimeter.ExceptPrincipals,
            perimeter.Unless is null ? null : new ConditionLowerer(scheme, failClosed: true).Lower(perimeter.Unless, negate: true),
            sources.Add(perimeter.Location));

    private static Engine.Model.AccessRule LowerAccessRule(AccessRuleSymbol rule, ClassificationSymbol? scheme, SourceMap.Builder sources)
    {
        var lowerer = new ConditionLowerer(scheme, failClosed: rule.Effect == AccessEffect.Deny);
        var parts = new List<Predicate>();
        if (rule.When is not null)
        {
            parts.Add(lowerer.Lower(rule.When));
        }

        if (rule.Unless is not null)
        {
            parts.Add(lowerer.Lower(rule.Unless, negate: true));
        }

        Predicate? condition = parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => new AndPredicate([.. parts]),
        };
        return new Engine.Model.AccessRule(
            rule.Name,
            rule.Effect,
            rule.Actions,
            rule.Resources.IsEmpty ? ["*"] : rule.Resources,
            rule.Principals,
            [.. rule.Keys.Select(k => k.Name)],
            condition,
            rule.Until,
            sources.Add(rule.Location));
    }
}
