using System.Collections.Immutable;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>
/// What a report is written from: an evaluation held in memory (<see cref="EvaluationResult"/>), or one streamed from a
/// snapshot (<see cref="StreamedEvaluation"/>), whose findings are produced again each time they are listed and whose
/// counts are sums kept as they passed.
/// </summary>
public interface IReportSource
{
    PolicySet Policy { get; }

    DateOnly Today { get; }

    ImmutableArray<InputError> InputErrors { get; }

    int ResourceCount { get; }

    /// <summary>The input files the resources come from, in ordinal order.</summary>
    IReadOnlyList<string> Files { get; }

    /// <summary>Every applicable finding, in report order (<c>ReportOrder</c>); each listing may read the input again.</summary>
    IEnumerable<Finding> FindingsInOrder { get; }

    long NotApplicable { get; }

    Kpis Kpis { get; }

    ImmutableArray<FrameworkScore> Compliance { get; }

    int Count(Verdict verdict);

    bool FailsAtOrAbove(Severity severity);
}
