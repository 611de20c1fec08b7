using System.Globalization;
using System.Text;
using Sec08Policy.Engine.Evaluation;

namespace Sec08Policy.Engine.Reporting;

/// <summary>A pull-request comment: verdict counts, KPIs, then failures, unknowns and waivers as tables.</summary>
public static class MarkdownReporter
{
    public static string Write(EvaluationResult result)
    {
        var builder = new StringBuilder();
        var failed = result.Count(Verdict.Fail);
        builder.Append(CultureInfo.InvariantCulture, $"## sec08: {(failed == 0 ? "no failures" : Counted.Of(failed, "failure"))}\n\n");
        builder.Append(CultureInfo.InvariantCulture,
            $"{Counted.Of(result.Resources.Count, "resource")} checked against {Counted.Of(result.Policy.Rules.Length, "rule")}: **{failed} failed**, {result.Count(Verdict.Unknown)} unknown, {result.Count(Verdict.Waived)} waived, {result.Count(Verdict.Pass)} passed.\n\n");

        var kpis = result.Kpis;
        builder.Append("| classification | resources | encrypted at rest | customer-managed key |\n|---|---:|---:|---:|\n");
        foreach (var level in kpis.ByClassification.Append(kpis.All))
        {
            builder.Append(CultureInfo.InvariantCulture, $"| {level.Level} | {level.Resources} | {ReportOrder.Describe(level.Encrypted)} | {ReportOrder.Describe(level.CustomerManaged)} |\n");
        }

        builder.Append(CultureInfo.InvariantCulture, $"\nKey rotation: {ReportOrder.Describe(kpis.KeyRotation)}. Waivers: {kpis.WaiversInForce} in force, {kpis.WaiversExpired} expired.\n");

        Table(builder, "Failures", result, Verdict.Fail, f => $"{f.Reason} — fix: {f.Rule.Remediation}");
        Table(builder, "Unknown", result, Verdict.Unknown, f => f.Reason ?? string.Empty);
        Table(builder, "Waived", result, Verdict.Waived, ReportOrder.WaiverNote);
        return builder.ToString();
    }

    private static void Table(StringBuilder builder, string title, EvaluationResult result, Verdict verdict, Func<Finding, string> detail)
    {
        var findings = ReportOrder.Sorted(result.Findings.Where(f => f.Verdict == verdict)).ToList();
        if (findings.Count == 0)
        {
            return;
        }

        builder.Append(CultureInfo.InvariantCulture, $"\n### {title}\n\n| severity | rule | resource | where | detail |\n|---|---|---|---|---|\n");
        foreach (var f in findings.OrderByDescending(f => f.Rule.Severity))
        {
            builder.Append(CultureInfo.InvariantCulture,
                $"| {ReportOrder.Severity(f.Rule.Severity)} | `{f.Rule.Id}` | `{Escape(f.Resource.Id)}` | `{Escape(f.Resource.Position.ToString())}` | {Escape(detail(f))} |\n");
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
