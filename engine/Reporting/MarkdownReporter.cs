using System.Globalization;
using Sec08Policy.Engine.Evaluation;

namespace Sec08Policy.Engine.Reporting;

/// <summary>A pull-request comment: verdict counts, KPIs, then failures, unknowns and waivers as tables.</summary>
public static class MarkdownReporter
{
    public static void Write(EvaluationResult result, TextWriter output)
    {
        var failed = result.Count(Verdict.Fail);
        var unread = result.InputErrors.IsEmpty ? string.Empty : $", {Counted.Of(result.InputErrors.Length, "input")} not read";
        output.Write(string.Create(CultureInfo.InvariantCulture, $"## sec08: {(failed == 0 ? "no failures" : Counted.Of(failed, "failure"))}{unread}\n\n"));
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"{Counted.Of(result.Resources.Count, "resource")} checked against {Counted.Of(result.Policy.Rules.Length, "rule")}: **{failed} failed**, {result.Count(Verdict.Unknown)} unknown, {result.Count(Verdict.Waived)} waived, {result.Count(Verdict.Pass)} passed.\n\n"));
        if (!result.InputErrors.IsEmpty)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"**{InputErrorTexts.Heading(result.InputErrors)}:**\n\n"));
            foreach (var error in result.InputErrors)
            {
                output.Write(string.Create(CultureInfo.InvariantCulture, $"- `{Escape($"{error.File}({error.Line},{error.Column})")}`: {Escape(error.Message)}\n"));
            }

            output.Write('\n');
        }

        var kpis = result.Kpis;
        output.Write("| classification | resources | encrypted at rest | customer-managed key |\n|---|---:|---:|---:|\n");
        foreach (var level in kpis.ByClassification.Append(kpis.All))
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"| {level.Level} | {level.Resources} | {ReportOrder.Describe(level.Encrypted)} | {ReportOrder.Describe(level.CustomerManaged)} |\n"));
        }

        output.Write(string.Create(CultureInfo.InvariantCulture, $"\nKey rotation: {ReportOrder.Describe(kpis.KeyRotation)}. Waivers: {kpis.WaiversInForce} in force, {kpis.WaiversExpired} expired.\n"));
        WriteCompliance(output, result);

        Table(output, "Failures", result, Verdict.Fail, f => $"{f.Reason} — fix: {f.Rule.Remediation}");
        Table(output, "Unknown", result, Verdict.Unknown, f => f.Reason ?? string.Empty);
        Table(output, "Waived", result, Verdict.Waived, ReportOrder.WaiverNote);
    }

    private static void WriteCompliance(TextWriter output, EvaluationResult result)
    {
        var frameworks = result.Compliance;
        if (frameworks.IsEmpty)
        {
            return;
        }

        output.Write("\n### Compliance\n\n| framework | control | resources | failing | unknown | waived | passing |\n|---|---|---:|---:|---:|---:|---:|\n");
        foreach (var framework in frameworks)
        {
            foreach (var control in framework.Controls)
            {
                output.Write(string.Create(CultureInfo.InvariantCulture,
                    $"| {Escape(framework.Title)} | {Escape(control.Control)}{(control.FullyPassing ? " ✓" : string.Empty)} | {control.Resources} | {control.Failing} | {control.Unknown} | {control.Waived} | {control.Passing} |\n"));
            }
        }

        output.Write("\n");
        foreach (var framework in frameworks)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"- {Escape(framework.Title)}: {ComplianceTexts.Share(framework)}\n"));
        }
    }

    private static void Table(TextWriter output, string title, EvaluationResult result, Verdict verdict, Func<Finding, string> detail)
    {
        var findings = ReportOrder.Sorted(result.Findings.Where(f => f.Verdict == verdict)).ToList();
        if (findings.Count == 0)
        {
            return;
        }

        output.Write(string.Create(CultureInfo.InvariantCulture, $"\n### {title}\n\n| severity | rule | resource | where | detail |\n|---|---|---|---|---|\n"));
        foreach (var f in findings.OrderByDescending(f => f.Rule.Severity))
        {
            output.Write(string.Create(CultureInfo.InvariantCulture,
                $"| {ReportOrder.Severity(f.Rule.Severity)} | `{f.Rule.Id}` | `{Escape(f.Resource.Id)}` | `{Escape(f.Resource.Position.ToString())}` | {Escape(detail(f))} |\n"));
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
