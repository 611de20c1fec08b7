using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Reporting;

/// <summary>
/// One self-contained HTML file: the KPIs and compliance scores as charts (by classification, by service, by framework)
/// and every applicable finding in a table filtered by severity, verdict, rule and service, with the finding's policy
/// and input positions. Styles, script and data are inline (nothing is fetched when it opens); the data is compact
/// (every text once, findings as numbers), so 100,000 resources stay well under 20 MB; the table renders a page at a time.
/// </summary>
public static class HtmlReporter
{
    /// <summary>The version of the embedded data's layout, read by the page's script.</summary>
    public const string DataFormat = "sec08-html/1";

    // Escapes <, >, & and quotes, so no text of the inputs can close the script element that holds the data.
    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static readonly Verdict[] s_verdicts = [Verdict.Fail, Verdict.Unknown, Verdict.Waived, Verdict.Pass];

    public static void Write(EvaluationResult result, Stream output, string toolVersion)
    {
        using var text = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var title = $"sec08 report: {result.Policy.Name ?? "policy"}, {result.Today:yyyy-MM-dd}";
        text.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        text.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        text.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
        text.Write($"<title>{Html(title)}</title>\n<style>{HtmlAssets.Style}</style>\n</head>\n<body>\n");
        text.Write($"<header><h1>{Html(title)}</h1><p>{Html(Summary(result))}</p></header>\n");
        WriteInputErrors(text, result);
        WriteKpis(text, result.Kpis);
        text.Write(HtmlAssets.Body);
        text.Write("<script type=\"application/json\" id=\"sec08-data\">");
        text.Flush();
        WriteData(result, output, toolVersion);
        text.Write("</script>\n<script>");
        text.Write(HtmlAssets.Script);
        text.Write("</script>\n</body>\n</html>\n");
    }

    private static string Summary(EvaluationResult result) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Counted.Of(result.Resources.Count, "resource")}, {Counted.Of(result.Policy.Rules.Length, "rule")}: {result.Count(Verdict.Fail)} failed, {result.Count(Verdict.Unknown)} unknown, {result.Count(Verdict.Waived)} waived, {result.Count(Verdict.Pass)} passed, {result.NotApplicable} not applicable");

    /// <summary>The inputs that could not be read, before anything else, readable before the script runs.</summary>
    private static void WriteInputErrors(TextWriter text, EvaluationResult result)
    {
        if (result.InputErrors.IsEmpty)
        {
            return;
        }

        text.Write($"<section class=\"input-errors\" id=\"input-errors\"><h2>{Html(InputErrorTexts.Heading(result.InputErrors))}</h2>\n<ul>\n");
        foreach (var error in result.InputErrors)
        {
            text.Write(string.Create(CultureInfo.InvariantCulture, $"<li><code>{Html(error.File)}({error.Line},{error.Column})</code>: {Html(error.Message)}</li>\n"));
        }

        text.Write("</ul></section>\n");
    }

    /// <summary>The indicators as static cards, readable before the script runs.</summary>
    private static void WriteKpis(TextWriter text, Kpis kpis)
    {
        text.Write("<section class=\"kpis\" id=\"kpis\">\n");
        Card(text, "encrypted at rest", ReportOrder.Percent(kpis.All.Encrypted), ReportOrder.Describe(kpis.All.Encrypted));
        Card(text, "customer-managed keys", ReportOrder.Percent(kpis.All.CustomerManaged), ReportOrder.Describe(kpis.All.CustomerManaged));
        Card(text, "key rotation", ReportOrder.Percent(kpis.KeyRotation), ReportOrder.Describe(kpis.KeyRotation));
        Card(text, "waivers", kpis.WaiversInForce.ToString(CultureInfo.InvariantCulture), $"in force, {kpis.WaiversExpired} expired");
        text.Write("</section>\n");
    }

    private static void Card(TextWriter text, string label, string figure, string detail) =>
        text.Write($"<div class=\"kpi\"><div class=\"figure\">{Html(figure)}</div><div class=\"label\">{Html(label)}</div><div class=\"detail\">{Html(detail)}</div></div>\n");

    private static void WriteData(EvaluationResult result, Stream output, string toolVersion)
    {
        var strings = new StringTable();
        var rules = result.Policy.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var ruleIndex = new Dictionary<CompiledRule, int>(ReferenceEqualityComparer.Instance);
        rules.ForEach(r => ruleIndex.Add(r, ruleIndex.Count));
        var waivers = result.Policy.Waivers.ToList();
        var waiverIndex = new Dictionary<Waiver, int>(ReferenceEqualityComparer.Instance);
        waivers.ForEach(w => waiverIndex.Add(w, waiverIndex.Count));
        var findings = ReportOrder.Sorted(result.Findings).ToList();
        var resourceIndex = new Dictionary<Resource, int>(ReferenceEqualityComparer.Instance);
        var resources = new List<Resource>();
        foreach (var finding in findings)
        {
            if (resourceIndex.TryAdd(finding.Resource, resources.Count))
            {
                resources.Add(finding.Resource);
            }
        }

        var classification = new Dictionary<Resource, string?>(ReferenceEqualityComparer.Instance);
        foreach (var finding in findings)
        {
            classification.TryAdd(finding.Resource, finding.Classification);
        }

        using var json = new Utf8JsonWriter(output, s_json);
        json.WriteStartObject();
        json.WriteString("format", DataFormat);
        json.WriteString("tool", toolVersion);
        json.WriteString("policy", result.Policy.Name);
        json.WriteString("date", result.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        WriteSummary(json, result);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartArray();
            json.WriteStringValue(rule.Id);
            json.WriteNumberValue((int)rule.Severity);
            json.WriteStringValue(rule.Control);
            json.WriteStringValue(rule.Message);
            json.WriteNumberValue(strings.Of(rule.Origin.File));
            json.WriteNumberValue(rule.Origin.Line);
            json.WriteNumberValue(rule.Origin.Column);
            json.WriteStringValue(string.Join(", ", rule.Compliance.Select(c => $"{c.Framework} {c.Control}")));
            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteStartArray("waivers");
        foreach (var waiver in waivers)
        {
            json.WriteStartArray();
            json.WriteStringValue(waiver.Name);
            json.WriteStringValue(waiver.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteStringValue(waiver.Reason);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteStartArray("resources");
        foreach (var resource in resources)
        {
            json.WriteStartArray();
            json.WriteStringValue(resource.Id);
            json.WriteNumberValue(strings.Of(resource.Type));
            json.WriteNumberValue(strings.Of(resource.Service ?? "-"));
            json.WriteNumberValue(strings.Of(resource.Position.File));
            json.WriteNumberValue(resource.Position.Line);
            json.WriteNumberValue(resource.Position.Column);
            json.WriteNumberValue(classification[resource] is { } level ? strings.Of(level) : -1);
            json.WriteEndArray();
            JsonOutput.FlushNow(json);
        }

        json.WriteEndArray();

        // Five numbers a finding: rule, resource, verdict (0 fail, 1 unknown, 2 waived, 3 pass), reason (a string, -1
        // for none), waiver (2 x index, +1 when expired; -1 for none).
        json.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            json.WriteNumberValue(ruleIndex[finding.Rule]);
            json.WriteNumberValue(resourceIndex[finding.Resource]);
            json.WriteNumberValue(Array.IndexOf(s_verdicts, finding.Verdict));
            json.WriteNumberValue(finding.Reason is { } reason ? strings.Of(reason) : -1);
            json.WriteNumberValue(finding.Waiver is { } waiver ? (2 * waiverIndex[waiver]) + (finding.WaiverExpired ? 1 : 0) : -1);
            JsonOutput.FlushNow(json);
        }

        json.WriteEndArray();
        WriteGroups(json, "byClassification", findings, f => f.Classification ?? "(unclassified)", result.Policy.Classification?.Levels ?? []);
        WriteGroups(json, "byService", findings, f => f.Resource.Service ?? "-", []);
        WriteCompliance(json, result.Compliance);
        json.WriteStartArray("strings");
        foreach (var text in strings.All)
        {
            json.WriteStringValue(text);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter json, EvaluationResult result)
    {
        json.WriteStartObject("summary");
        json.WriteNumber("resources", result.Resources.Count);
        json.WriteNumber("rules", result.Policy.Rules.Length);
        foreach (var verdict in s_verdicts)
        {
            json.WriteNumber(ReportOrder.Verdict(verdict), result.Count(verdict));
        }

        json.WriteNumber("notApplicable", result.NotApplicable);
        json.WriteEndObject();
    }

    /// <summary>Findings by verdict per group, groups in the scheme's order (then by name): <c>[[label, fail, unknown, waived, pass]]</c>.</summary>
    private static void WriteGroups(Utf8JsonWriter json, string name, IReadOnlyList<Finding> findings, Func<Finding, string> key, IReadOnlyList<string> order)
    {
        var groups = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            var label = key(finding);
            if (!groups.TryGetValue(label, out var counts))
            {
                groups[label] = counts = new int[s_verdicts.Length];
            }

            counts[Array.IndexOf(s_verdicts, finding.Verdict)]++;
        }

        json.WriteStartArray(name);
        foreach (var (label, counts) in groups.OrderBy(g => order.Contains(g.Key) ? order.ToList().IndexOf(g.Key) : int.MaxValue).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            json.WriteStartArray();
            json.WriteStringValue(label);
            foreach (var count in counts)
            {
                json.WriteNumberValue(count);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    private static void WriteCompliance(Utf8JsonWriter json, IEnumerable<FrameworkScore> frameworks)
    {
        json.WriteStartArray("compliance");
        foreach (var framework in frameworks)
        {
            json.WriteStartObject();
            json.WriteString("framework", framework.Framework);
            json.WriteString("title", framework.Title);
            json.WriteNumber("assessed", framework.Assessed);
            json.WriteNumber("fullyPassing", framework.FullyPassing);
            json.WriteStartArray("controls");
            foreach (var control in framework.Controls)
            {
                json.WriteStartArray();
                json.WriteStringValue(control.Control);
                json.WriteNumberValue(control.Failing);
                json.WriteNumberValue(control.Unknown);
                json.WriteNumberValue(control.Waived);
                json.WriteNumberValue(control.Passing);
                json.WriteStringValue(string.Join(", ", control.Rules));
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Every text that repeats across findings, written once and referred to by index.</summary>
    private sealed class StringTable
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

        public List<string> All { get; } = [];

        public int Of(string text)
        {
            if (!_index.TryGetValue(text, out var index))
            {
                index = _index[text] = All.Count;
                All.Add(text);
            }

            return index;
        }
    }
}
