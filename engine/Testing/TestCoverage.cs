using System.Collections.Immutable;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Testing;

/// <summary>What a test can exercise: a requirement clause (a rule of the evaluator), an access rule, a waiver.</summary>
public enum CoverageKind
{
    RequirementClause,
    AccessRule,
    Waiver,
}

/// <summary>One thing of the policy a test may exercise, named and located in the source.</summary>
public sealed record CoverageItem(CoverageKind Kind, string Name, SourceOrigin Origin);

/// <summary>
/// Which requirement clauses, access rules and waivers of the policies under test some test exercised. A clause
/// counts once a case asserts a verdict other than not-applicable for it; a waiver once an asserted finding is
/// covered by it (in force or expired); an access rule once an access case it decides has run. Items are told apart
/// by their place in the source, so a file shared by several policy sets counts once.
/// </summary>
public sealed class TestCoverage
{
    private readonly Dictionary<string, CoverageItem> _items = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hit = new(StringComparer.Ordinal);

    public void Add(PolicySet policy)
    {
        foreach (var rule in policy.Rules)
        {
            Register(new CoverageItem(CoverageKind.RequirementClause, rule.Id, rule.Origin));
        }

        foreach (var waiver in policy.Waivers)
        {
            Register(new CoverageItem(CoverageKind.Waiver, waiver.Name, waiver.Origin));
        }

        foreach (var rule in policy.AccessRules)
        {
            Register(new CoverageItem(CoverageKind.AccessRule, rule.Name, rule.Origin));
        }
    }

    public void Hit(CompiledRule rule) => _hit.Add(Key(CoverageKind.RequirementClause, rule.Origin));

    public void Hit(Waiver waiver) => _hit.Add(Key(CoverageKind.Waiver, waiver.Origin));

    public void Hit(AccessRule rule) => _hit.Add(Key(CoverageKind.AccessRule, rule.Origin));

    /// <summary>The items that count: every requirement clause, waiver and access rule.</summary>
    public ImmutableArray<CoverageItem> Measured => [.. Ordered(_items.Values)];

    public ImmutableArray<CoverageItem> NotExercised =>
        [.. Measured.Where(i => !_hit.Contains(Key(i.Kind, i.Origin)))];

    /// <summary>The share exercised, 0-100; 100 when there is nothing to exercise.</summary>
    public double Percent => Measured.Length == 0 ? 100 : 100.0 * (Measured.Length - NotExercised.Length) / Measured.Length;

    private void Register(CoverageItem item) => _items.TryAdd(Key(item.Kind, item.Origin), item);

    private static string Key(CoverageKind kind, SourceOrigin origin) => $"{kind}|{origin}";

    private static IEnumerable<CoverageItem> Ordered(IEnumerable<CoverageItem> items) =>
        items.OrderBy(i => i.Origin.File, StringComparer.Ordinal).ThenBy(i => i.Origin.Line).ThenBy(i => i.Origin.Column).ThenBy(i => i.Kind);
}
