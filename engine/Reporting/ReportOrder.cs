using Sec08Policy.Engine.Evaluation;

namespace Sec08Policy.Engine.Reporting;

/// <summary>The one order every report lists findings in: by input file, position in it, then rule.</summary>
internal static class ReportOrder
{
    public static IEnumerable<Finding> Sorted(IEnumerable<Finding> findings) =>
        findings
            .OrderBy(f => f.Resource.Position.File, StringComparer.Ordinal)
            .ThenBy(f => f.Resource.Position.Line)
            .ThenBy(f => f.Resource.Position.Column)
            .ThenBy(f => f.Resource.Id, StringComparer.Ordinal)
            .ThenBy(f => f.Rule.Id, StringComparer.Ordinal);

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
