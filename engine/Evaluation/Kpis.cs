using System.Collections.Immutable;

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
        var counter = new KpiCounter(result.Policy, result.Today);
        foreach (var resource in result.Resources)
        {
            counter.Add(resource);
        }

        foreach (var finding in result.Findings)
        {
            counter.Add(finding);
        }

        return counter.Result();
    }
}
