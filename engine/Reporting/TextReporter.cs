using System.Globalization;
using Sec08Policy.Engine.Evaluation;

namespace Sec08Policy.Engine.Reporting;

/// <summary>
/// For people at a terminal: problems grouped by resource (passes are only counted), the summary and the KPIs.
/// Colours only when asked (the CLI asks when standard output is a terminal).
/// </summary>
public static class TextReporter
{
    public static void Write(IReportSource result, bool color, TextWriter output)
    {
        string Paint(string text, string code) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;

        // A resource's findings come together in report order: its heading is written when the first of them comes.
        Resources.Resource? current = null;
        foreach (var finding in result.FindingsInOrder.Where(f => f.Verdict != Verdict.Pass))
        {
            if (!ReferenceEquals(finding.Resource, current))
            {
                current = finding.Resource;
                output.Write(string.Create(CultureInfo.InvariantCulture, $"{current.Position}: {current.Type} {current.Id}"));
                if (finding.Classification is { } level)
                {
                    output.Write(string.Create(CultureInfo.InvariantCulture, $" [{level}]"));
                }

                output.Write('\n');
            }

            var label = finding.Verdict switch
            {
                Verdict.Fail => Paint("FAIL", "31;1"),
                Verdict.Unknown => Paint("UNKNOWN", "33"),
                Verdict.Waived => Paint("WAIVED", "36"),
                _ => ReportOrder.Verdict(finding.Verdict).ToUpperInvariant(),
            };
            output.Write(string.Create(CultureInfo.InvariantCulture, $"  {label} {finding.Rule.Id} ({ReportOrder.Severity(finding.Rule.Severity)}{(finding.Rule.Control is { } c ? ", " + c : string.Empty)}): {finding.Rule.Message}\n"));
            if (finding.Reason is { } reason)
            {
                output.Write(string.Create(CultureInfo.InvariantCulture, $"      because {reason}\n"));
            }

            if (finding.Waiver is not null)
            {
                output.Write(string.Create(CultureInfo.InvariantCulture, $"      {ReportOrder.WaiverNote(finding)}\n"));
            }

            if (finding.Verdict == Verdict.Fail && finding.Rule.Remediation is { } fix)
            {
                output.Write(string.Create(CultureInfo.InvariantCulture, $"      fix: {fix}\n"));
            }

            output.Write(string.Create(CultureInfo.InvariantCulture, $"      policy: {finding.Rule.Origin}\n"));
        }

        WriteSummary(output, result);
    }

    private static void WriteSummary(TextWriter output, IReportSource result)
    {
        var kpis = result.Kpis;
        output.Write('\n');
        if (!result.InputErrors.IsEmpty)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{InputErrorTexts.Heading(result.InputErrors)}:\n"));
            foreach (var error in result.InputErrors)
            {
                output.Write(string.Create(CultureInfo.InvariantCulture, $"  {error}\n"));
            }
        }

        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"{Counted.Of(result.ResourceCount, "resource")}, {Counted.Of(result.Policy.Rules.Length, "rule")}: {result.Count(Verdict.Fail)} failed, {result.Count(Verdict.Unknown)} unknown, {result.Count(Verdict.Waived)} waived, {result.Count(Verdict.Pass)} passed, {result.NotApplicable} not applicable\n"));
        output.Write(string.Create(CultureInfo.InvariantCulture, $"encrypted at rest:        {ReportOrder.Describe(kpis.All.Encrypted)}\n"));
        output.Write(string.Create(CultureInfo.InvariantCulture, $"customer-managed keys:    {ReportOrder.Describe(kpis.All.CustomerManaged)}\n"));
        output.Write(string.Create(CultureInfo.InvariantCulture, $"key rotation:             {ReportOrder.Describe(kpis.KeyRotation)}\n"));
        output.Write(string.Create(CultureInfo.InvariantCulture, $"waivers:                  {kpis.WaiversInForce} in force, {kpis.WaiversExpired} expired\n"));
        foreach (var level in kpis.ByClassification)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"  {level.Level,-14} {level.Resources,4} {(level.Resources == 1 ? "resource" : "resources")}, encrypted {ReportOrder.Percent(level.Encrypted)}, customer-managed {ReportOrder.Percent(level.CustomerManaged)}\n"));
        }

        foreach (var framework in result.Compliance)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{framework.Title}: {ComplianceTexts.Share(framework)}\n"));
            foreach (var control in framework.Controls)
            {
                output.Write(string.Create(CultureInfo.InvariantCulture, $"  {control.Control,-18} {ComplianceTexts.Counts(control)}\n"));
            }
        }
    }
}
