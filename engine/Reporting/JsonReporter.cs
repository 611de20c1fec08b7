using System.Text.Json;
using Sec08Policy.Engine.Evaluation;

namespace Sec08Policy.Engine.Reporting;

/// <summary>Machine-readable results, format <c>sec08-eval/1</c> (docs/eval-json.md): summary, KPIs, every applicable finding.</summary>
public static class JsonReporter
{
    public const string Format = "sec08-eval/1";

    public static void Write(EvaluationResult result, Stream output) => JsonOutput.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteString("policy", result.Policy.Name);
        json.WriteString("date", result.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStartObject("summary");
        json.WriteNumber("resources", result.Resources.Count);
        json.WriteNumber("rules", result.Policy.Rules.Length);
        foreach (var verdict in new[] { Verdict.Fail, Verdict.Unknown, Verdict.Waived, Verdict.Pass })
        {
            json.WriteNumber(ReportOrder.Verdict(verdict), result.Count(verdict));
        }

        json.WriteNumber("not-applicable", result.NotApplicable);
        json.WriteEndObject();
        WriteKpis(json, result.Kpis);
        json.WriteStartArray("findings");
        foreach (var finding in ReportOrder.Sorted(result.Findings))
        {
            WriteFinding(json, finding);
            JsonOutput.FlushNow(json);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        var rule = finding.Rule;
        var resource = finding.Resource;
        json.WriteStartObject();
        json.WriteString("verdict", ReportOrder.Verdict(finding.Verdict));
        json.WriteString("rule", rule.Id);
        json.WriteString("requirement", rule.Requirement);
        json.WriteString("severity", ReportOrder.Severity(rule.Severity));
        json.WriteString("control", rule.Control);
        json.WriteStartArray("compliance");
        foreach (var reference in rule.Compliance)
        {
            json.WriteStringValue($"{reference.Framework}:{reference.Control}");
        }

        json.WriteEndArray();
        json.WriteString("message", rule.Message);
        json.WriteString("reason", finding.Reason);
        json.WriteString("remediation", rule.Remediation);
        json.WriteString("classification", finding.Classification);
        json.WriteStartObject("resource");
        json.WriteString("id", resource.Id);
        json.WriteString("type", resource.Type);
        json.WriteString("arn", resource.Arn.IsKnown ? resource.Arn.Value : null);
        json.WriteStartObject("position");
        json.WriteString("file", resource.Position.File);
        json.WriteNumber("line", resource.Position.Line);
        json.WriteNumber("column", resource.Position.Column);
        json.WriteString("pointer", resource.Position.Pointer);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WritePropertyName("policyOrigin");
        json.WriteStartObject();
        json.WriteString("file", rule.Origin.File);
        json.WriteNumber("line", rule.Origin.Line);
        json.WriteNumber("column", rule.Origin.Column);
        json.WriteEndObject();
        if (finding.Waiver is { } waiver)
        {
            json.WriteStartObject("waiver");
            json.WriteString("name", waiver.Name);
            json.WriteString("expires", waiver.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteBoolean("expired", finding.WaiverExpired);
            json.WriteString("reason", waiver.Reason);
            json.WriteString("owner", waiver.Owner);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    internal static void WriteKpis(Utf8JsonWriter json, Kpis kpis)
    {
        json.WriteStartObject("kpis");
        WriteLevel(json, "all", kpis.All);
        json.WriteStartArray("byClassification");
        foreach (var level in kpis.ByClassification)
        {
            json.WriteStartObject();
            json.WriteString("level", level.Level);
            WriteLevelFields(json, level);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteShare(json, "keyRotation", kpis.KeyRotation);
        json.WriteStartObject("waivers");
        json.WriteNumber("inForce", kpis.WaiversInForce);
        json.WriteNumber("expired", kpis.WaiversExpired);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteLevel(Utf8JsonWriter json, string name, LevelKpis level)
    {
        json.WriteStartObject(name);
        WriteLevelFields(json, level);
        json.WriteEndObject();
    }

    private static void WriteLevelFields(Utf8JsonWriter json, LevelKpis level)
    {
        json.WriteNumber("resources", level.Resources);
        WriteShare(json, "encrypted", level.Encrypted);
        WriteShare(json, "customerManagedKey", level.CustomerManaged);
    }

    private static void WriteShare(Utf8JsonWriter json, string name, Share share)
    {
        json.WriteStartObject(name);
        json.WriteNumber("count", share.Count);
        json.WriteNumber("total", share.Total);
        json.WriteNumber("unknown", share.Unknown);
        if (share.Percent is { } percent)
        {
            json.WriteNumber("percent", Math.Round(percent, 1, MidpointRounding.AwayFromZero));
        }
        else
        {
            json.WriteNull("percent");
        }

        json.WriteEndObject();
    }
}
