using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Resources;

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

    /// <summary>Resources in report order, the same instance when they already are (as inputs read in path order are).</summary>
    public static IReadOnlyList<Resource> Sorted(IReadOnlyList<Resource> resources)
    {
        for (var i = 1; i < resources.Count; i++)
        {
            if (Compare(resources[i - 1], resources[i]) > 0)
            {
                return [.. resources.Order(Comparer<Resource>.Create(Compare))];
            }
        }

        return resources;
    }

    /// <summary>The input files the resources come from, in ordinal order, as reports list them.</summary>
    public static IReadOnlyList<string> Files(IEnumerable<Resource> resources) =>
        [.. resources.Select(r => r.Position.File).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static int Compare(Finding a, Finding b)
    {
        var byResource = Compare(a.Resource, b.Resource);
        return byResource != 0 ? byResource : string.CompareOrdinal(a.Rule.Id, b.Rule.Id);
    }

    /// <summary>By input file, position in it, then ID.</summary>
    private static int Compare(Resource a, Resource b)
    {
        var byFile = string.CompareOrdinal(a.Position.File, b.Position.File);
        if (byFile != 0)
        {
            return byFile;
        }

        var byLine = a.Position.Line.CompareTo(b.Position.Line);
        if (byLine != 0)
        {
            return byLine;
        }

        var byColumn = a.Position.Column.CompareTo(b.Position.Column);
        return byColumn != 0 ? byColumn : string.CompareOrdinal(a.Id, b.Id);
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
