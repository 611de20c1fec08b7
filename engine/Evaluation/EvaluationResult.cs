using System.Collections.Immutable;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>The findings of one evaluation, its counts and its key performance indicators.</summary>
public sealed record EvaluationResult(
    PolicySet Policy,
    IReadOnlyList<Resource> Resources,
    ImmutableArray<Finding> Findings,
    long NotApplicable,
    DateOnly Today) : IReportSource
{
    /// <summary>Inputs that could not be read: their resources are missing from <see cref="Resources"/>.</summary>
    public ImmutableArray<InputError> InputErrors { get; init; } = [];

    public int Count(Verdict verdict) => Findings.Count(f => f.Verdict == verdict);

    public Kpis Kpis => Kpis.Compute(this);

    /// <summary>Per framework the policy maps rules to, how each control stands (docs/compliance.md).</summary>
    public ImmutableArray<FrameworkScore> Compliance => ComplianceScores.Compute(this);

    int IReportSource.ResourceCount => Resources.Count;

    IReadOnlyList<string> IReportSource.Files => Reporting.ReportOrder.Files(Resources);

    IEnumerable<Finding> IReportSource.FindingsInOrder => Reporting.ReportOrder.Sorted(Findings);

    bool IReportSource.FailsAtOrAbove(Severity severity) => FailuresAtOrAbove(severity).Any();

    /// <summary>Failures at or above a severity; what decides the exit code.</summary>
    public IEnumerable<Finding> FailuresAtOrAbove(Severity severity) =>
        Findings.Where(f => f.Verdict == Verdict.Fail && f.Rule.Severity >= severity);
}
