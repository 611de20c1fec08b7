using System.Globalization;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Reporting;

/// <summary>A pull-request comment: verdict counts, KPIs, then failures, unknowns and waivers as tables.</summary>
public static class MarkdownReporter
{
    public static void Write(IReportSource result, TextWriter output)
    {
        // One listing of the findings fills the tables (a streamed evaluation knows its counts once it has listed them).
        using var failures = new Table(f => $"{f.Reason} — fix: {f.Rule.Remediation}");
        using var unknown = new Table(f => f.Reason ?? string.Empty);
        using var waived = new Table(ReportOrder.WaiverNote);
        foreach (var finding in result.FindingsInOrder)
        {
            (finding.Verdict switch { Verdict.Fail => failures, Verdict.Unknown => unknown, Verdict.Waived => waived, _ => null })?.Add(finding);
        }

        var failed = result.Count(Verdict.Fail);
        var unread = result.InputErrors.IsEmpty ? string.Empty : $", {Counted.Of(result.InputErrors.Length, "input")} not read";
        output.Write(string.Create(CultureInfo.InvariantCulture, $"## sec08: {(failed == 0 ? "no failures" : Counted.Of(failed, "failure"))}{unread}\n\n"));
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"{Counted.Of(result.ResourceCount, "resource")} checked against {Counted.Of(result.Policy.Rules.Length, "rule")}: **{failed} failed**, {result.Count(Verdict.Unknown)} unknown, {result.Count(Verdict.Waived)} waived, {result.Count(Verdict.Pass)} passed.\n\n"));
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

        failures.Write(output, "Failures");
        unknown.Write(output, "Unknown");
        waived.Write(output, "Waived");
    }

    private static void WriteCompliance(TextWriter output, IReportSource result)
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

    /// <summary>
    /// The findings of one verdict, most severe first and in report order within a severity: a spool per severity,
    /// filled as the findings are listed.
    /// </summary>
    private sealed class Table(Func<Finding, string> detail) : IDisposable
    {
        private readonly RowSpool[] _bySeverity = [.. Enum.GetValues<Severity>().Select(_ => new RowSpool())];

        public void Add(Finding f)
        {
            _bySeverity[(int)f.Rule.Severity].Add(string.Create(CultureInfo.InvariantCulture,
                $"| {ReportOrder.Severity(f.Rule.Severity)} | `{f.Rule.Id}` | `{Escape(f.Resource.Id)}` | `{Escape(f.Resource.Position.ToString())}` | {Escape(detail(f))} |\n"));
        }

        public void Write(TextWriter output, string title)
        {
            if (_bySeverity.All(s => s.IsEmpty))
            {
                return;
            }

            output.Write(string.Create(CultureInfo.InvariantCulture, $"\n### {title}\n\n| severity | rule | resource | where | detail |\n|---|---|---|---|---|\n"));
            for (var severity = _bySeverity.Length - 1; severity >= 0; severity--)
            {
                _bySeverity[severity].CopyTo(output);
            }
        }

        public void Dispose()
        {
            foreach (var rows in _bySeverity)
            {
                rows.Dispose();
            }
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
