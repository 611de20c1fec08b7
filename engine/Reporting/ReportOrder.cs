using Sec08Policy.Engine.Evaluation;

namespace Sec08Policy.Engine.Reporting;

/// <summary>The one order every report lists findings in: by input file, position in it, then rule.</summary>
internal static class ReportOrder
{
    public static IEnumerable<Finding> Sorted(IEnumerable<Finding> findings)
    {
        // The evaluator already emits findings in this order for inputs read in path order; check before sorting.
        var list = findings as IReadOnlyList<Finding> ?? [.. findings];
        for (var i = 1; i < list.Count; i++)
        {
            if (Compare(list[i - 1], list[i]) > 0)
            {
                var copy = list.ToArray();
                Array.Sort(copy, Compare);
                return copy;
            }
        }

        return list;
    }

    private static int Compare(Finding a, Finding b)
    {
        var byFile = string.CompareOrdinal(a.Resource.Position.File, b.Resource.Position.File);
        if (byFile != 0)
        {
            return byFile;
        }

        var byLine = a.Resource.Position.Line.CompareTo(b.Resource.Position.Line);
        if (byLine != 0)
        {
            return byLine;
        }

        var byColumn = a.Resource.Position.Column.CompareTo(b.Resource.Position.Column);
        if (byColumn != 0)
        {
            return byColumn;
        }

        var byResource = string.CompareOrdinal(a.Resource.Id, b.Resource.Id);
        return byResource != 0 ? byResource : string.CompareOrdinal(a.Rule.Id, b.Rule.Id);
    }

    public static string Severity(Model.Severity severity) => severity.ToString().ToLowerInvariant();

    public static string Verdict(Verdict verdict) => verdict switch
    {
        Evaluation.Verdict.Pass => "pass",
        Evaluation.Verdict.Fail => "fail",
        Evaluation.Verdict.NotApplicable => "not-applicable",
        Evaluation.Verdict.Unknown => "unknown",
        Evaluation.Verdict.Waived => "waived",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "unexpected verdict"),
    };

    public static string Percent(Share share) => share.Percent is { } p ? $"{p:0.#}%" : "n/a";

    /// <summary>"3 of 4 (75%), 1 unknown"</summary>
    public static string Describe(Share share) =>
        $"{share.Count} of {share.Total - share.Unknown} ({Percent(share)}){(share.Unknown > 0 ? $", {share.Unknown} unknown" : string.Empty)}";

    public static string WaiverNote(Finding finding) => finding.Waiver is { } waiver
        ? finding.WaiverExpired
            ? $"waiver `{waiver.Name}` expired on {waiver.Expires:yyyy-MM-dd}"
            : $"waived by `{waiver.Name}` until {waiver.Expires:yyyy-MM-dd}: {waiver.Reason}"
        : string.Empty;
}
