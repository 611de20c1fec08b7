using System.Collections.Immutable;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>A share: how many of how many, and how many could not be told.</summary>
public sealed record Share(int Count, int Total, int Unknown)
{
    public double? Percent => Total - Unknown == 0 ? null : 100.0 * Count / (Total - Unknown);
}

/// <summary>The SEC08 indicators for one classification level (or all resources).</summary>
public sealed record LevelKpis(string Level, int Resources, Share Encrypted, Share CustomerManaged);

/// <summary>
/// SEC08 key performance indicators: the share of in-scope (data-holding) resources encrypted at rest and under
/// customer-managed keys, overall and by classification; the share of customer-managed keys that rotate; waivers
/// in force and expired. Unknown values are counted apart, never as yes or no.
/// </summary>
public sealed record Kpis(LevelKpis All, ImmutableArray<LevelKpis> ByClassification, Share KeyRotation, int WaiversInForce, int WaiversExpired)
{
    public static Kpis Compute(EvaluationResult result)
    {
        var classifier = new Classifier(result.Policy.Classification);
        var data = result.Resources.Where(r => r.Encryption is not null).ToList();
        var byLevel = data.GroupBy(r => classifier.Classify(r) is { IsKnown: true, Value: { } level } ? level : "(unknown)");
        var levels = result.Policy.Classification?.Levels ?? [];
        var ordered = byLevel
            .OrderBy(g => levels.IndexOf(g.Key) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Level(g.Key, [.. g]))
            .ToImmutableArray();

        // A customer-managed key complies when it rotates and no rotation rule of the policy fails it (e.g. on its period).
        var keys = result.Resources.Where(r => r.Key is { Manager: { IsKnown: true, Value: KeyManager.Customer } }).ToList();
        var failedRotation = result.Findings
            .Where(f => f.Verdict == Verdict.Fail && f.Rule.Check is Predicates.KeyRotationPredicate && f.Resource.Kind == ResourceKind.KmsKey)
            .Select(f => f.Resource.Id)
            .ToHashSet(StringComparer.Ordinal);
        var rotation = new Share(
            keys.Count(k => k.Key!.RotationEnabled is { IsKnown: true, Value: true } && !failedRotation.Contains(k.Id)),
            keys.Count,
            keys.Count(k => !k.Key!.RotationEnabled.IsKnown));

        var waivers = result.Policy.Waivers;
        return new Kpis(
            Level("all", data),
            ordered,
            rotation,
            waivers.Count(w => w.Expires >= result.Today),
            waivers.Count(w => w.Expires < result.Today));
    }

    private static LevelKpis Level(string level, List<Resource> resources) => new(
        level,
        resources.Count,
        new Share(
            resources.Count(r => r.Encryption!.Enabled is { IsKnown: true, Value: true }),
            resources.Count,
            resources.Count(r => !r.Encryption!.Enabled.IsKnown)),
        new Share(
            resources.Count(r => r.Encryption!.KeyManager is { IsKnown: true, Value: KeyManager.Customer }),
            resources.Count,
            resources.Count(r => !r.Encryption!.Enabled.IsKnown || (r.Encryption.Enabled.Value && !r.Encryption.KeyManager.IsKnown))));
}
