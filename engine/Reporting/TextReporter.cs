using System.Globalization;
using System.Text;
using Sec08Policy.Engine.Evaluation;

namespace Sec08Policy.Engine.Reporting;

/// <summary>
/// For people at a terminal: problems grouped by resource (passes are only counted), the summary and the KPIs.
/// Colours only when asked (the CLI asks when standard output is a terminal).
/// </summary>
public static class TextReporter
{
    public static string Write(EvaluationResult result, bool color)
    {
        string Paint(string text, string code) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;
        var builder = new StringBuilder();
        foreach (var group in ReportOrder.Sorted(result.Findings.Where(f => f.Verdict != Verdict.Pass)).GroupBy(f => f.Resource))
        {
            var resource = group.Key;
            builder.Append(CultureInfo.InvariantCulture, $"{resource.Position}: {resource.Type} {resource.Id}");
            if (group.First().Classification is { } level)
            {
                builder.Append(CultureInfo.InvariantCulture, $" [{level}]");
            }

            builder.Append('\n');
            foreach (var finding in group)
            {
                var label = finding.Verdict switch
                {
                    Verdict.Fail => Paint("FAIL", "31;1"),
                    Verdict.Unknown => Paint("UNKNOWN", "33"),
                    Verdict.Waived => Paint("WAIVED", "36"),
                    _ => ReportOrder.Verdict(finding.Verdict).ToUpperInvariant(),
                };
                builder.Append(CultureInfo.InvariantCulture, $"  {label} {finding.Rule.Id} ({ReportOrder.Severity(finding.Rule.Severity)}{(finding.Rule.Control is { } c ? ", " + c : string.Empty)}): {finding.Rule.Message}\n");
                if (finding.Reason is { } reason)
                {
                    builder.Append(CultureInfo.InvariantCulture, $"      because {reason}\n");
                }

                if (finding.Waiver is not null)
                {
                    builder.Append(CultureInfo.InvariantCulture, $"      {ReportOrder.WaiverNote(finding)}\n");
                }

                if (finding.Verdict == Verdict.Fail && finding.Rule.Remediation is { } fix)
                {
                    builder.Append(CultureInfo.InvariantCulture, $"      fix: {fix}\n");
                }

                builder.Append(CultureInfo.InvariantCulture, $"      policy: {finding.Rule.Origin}\n");
            }
        }

        AppendSummary(builder, result);
        return builder.ToString();
    }

    private static void AppendSummary(StringBuilder builder, EvaluationResult result)
    {
        var kpis = result.Kpis;
        builder.Append(CultureInfo.InvariantCulture,
            $"\n{Counted.Of(result.Resources.Count, "resource")}, {Counted.Of(result.Policy.Rules.Length, "rule")}: {result.Count(Verdict.Fail)} failed, {result.Count(Verdict.Unknown)} unknown, {result.Count(Verdict.Waived)} waived, {result.Count(Verdict.Pass)} passed, {result.NotApplicable} not applicable\n");
        builder.Append(CultureInfo.InvariantCulture, $"encrypted at rest:        {ReportOrder.Describe(kpis.All.Encrypted)}\n");
        builder.Append(CultureInfo.InvariantCulture, $"customer-managed keys:    {ReportOrder.Describe(kpis.All.CustomerManaged)}\n");
        builder.Append(CultureInfo.InvariantCulture, $"key rotation:             {ReportOrder.Describe(kpis.KeyRotation)}\n");
        builder.Append(CultureInfo.InvariantCulture, $"waivers:                  {kpis.WaiversInForce} in force, {kpis.WaiversExpired} expired\n");
        foreach (var level in kpis.ByClassification)
        {
            builder.Append(CultureInfo.InvariantCulture, $"  {level.Level,-14} {level.Resources,4} {(level.Resources == 1 ? "resource" : "resources")}, encrypted {ReportOrder.Percent(level.Encrypted)}, customer-managed {ReportOrder.Percent(level.CustomerManaged)}\n");
        }
    }
}
