using System.Text.Json;
using Sec08Policy.Engine.Evaluation;

namespace Sec08Policy.Engine.Reporting;

/// <summary>
/// The JSON report of the previous release, format <c>sec08-eval/1</c> (docs/eval.md), written by
/// <c>--format json-v1</c> for one release: summary, KPIs, compliance scores, every applicable finding with its rule and
/// resource in full.
/// </summary>
public static class JsonReporter
{
    public const string Format = "sec08-eval/1";

    public static void Write(IReportSource result, Stream output) => JsonOutput.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteString("policy", result.Policy.Name);
        json.WriteString("date", result.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (!result.InputErrors.IsEmpty)
        {
            // Only when there are some: a run that read everything gives the same report as the previous release.
            WriteInputErrors(json, result.InputErrors);
        }

        WriteSummary(json, result);
        WriteKpis(json, result.Kpis);
        WriteCompliance(json, result.Compliance);
        json.WriteStartArray("findings");
        var texts = new FindingTexts();
        foreach (var finding in result.FindingsInOrder)
        {
            WriteFinding(json, finding, texts);
            JsonOutput.FlushNow(json);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteFinding(Utf8JsonWriter json, Finding finding, FindingTexts texts)
    {
        var rule = texts.Of(finding.Rule);
        var resource = texts.Of(finding.Resource);
        json.WriteStartObject();
        json.WriteString(JsonNames.Verdict, VerdictText(finding.Verdict));
        json.WriteString(JsonNames.Rule, rule.Id);
        json.WriteString(JsonNames.Requirement, rule.Requirement);
        json.WriteString(JsonNames.Severity, rule.Severity);
        WriteText(json, JsonNames.Control, rule.Control);
        json.WriteStartArray(JsonNames.Compliance);
        foreach (var reference in rule.Compliance)
        {
            json.WriteStringValue(reference);
        }

        json.WriteEndArray();
        json.WriteString(JsonNames.Message, rule.Message);
        json.WriteString(JsonNames.Reason, finding.Reason);
        WriteText(json, JsonNames.Remediation, rule.Remediation);
        json.WriteString(JsonNames.Classification, finding.Classification);
        json.WriteStartObject(JsonNames.Resource);
        json.WriteString(JsonNames.Id, resource.Id);
        json.WriteString(JsonNames.Type, resource.Type);
        WriteText(json, JsonNames.Arn, resource.Arn);
        json.WriteStartObject(JsonNames.Position);
        json.WriteString(JsonNames.File, resource.File);
        json.WriteNumber(JsonNames.Line, finding.Resource.Position.Line);
        json.WriteNumber(JsonNames.Column, finding.Resource.Position.Column);
        json.WriteString(JsonNames.Pointer, resource.Pointer);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject(JsonNames.PolicyOrigin);
        json.WriteString(JsonNames.File, rule.OriginFile);
        json.WriteNumber(JsonNames.Line, finding.Rule.Origin.Line);
        json.WriteNumber(JsonNames.Column, finding.Rule.Origin.Column);
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

    private static void WriteText(Utf8JsonWriter json, JsonEncodedText name, JsonEncodedText? value)
    {
        if (value is { } text)
        {
            json.WriteString(name, text);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static JsonEncodedText VerdictText(Verdict verdict) => verdict switch
    {
        Verdict.Pass => JsonNames.Pass,
        Verdict.Fail => JsonNames.Fail,
        Verdict.Unknown => JsonNames.Unknown,
        Verdict.Waived => JsonNames.Waived,
        _ => JsonEncodedText.Encode(ReportOrder.Verdict(verdict), JsonOutput.Options.Encoder),
    };

    /// <summary>The inputs that could not be read, each with its position and message.</summary>
    internal static void WriteInputErrors(Utf8JsonWriter json, IEnumerable<InputError> errors)
    {
        json.WriteStartArray("inputErrors");
        foreach (var error in errors)
        {
            json.WriteStartObject();
            json.WriteString(JsonNames.File, error.File);
            json.WriteNumber(JsonNames.Line, error.Line);
            json.WriteNumber(JsonNames.Column, error.Column);
            json.WriteString(JsonNames.Message, error.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The counts: resources, rules, and (rule, resource) pairs by verdict.</summary>
    internal static void WriteSummary(Utf8JsonWriter json, IReportSource result)
    {
        json.WriteStartObject("summary");
        json.WriteNumber("resources", result.ResourceCount);
        json.WriteNumber("rules", result.Policy.Rules.Length);
        foreach (var verdict in new[] { Verdict.Fail, Verdict.Unknown, Verdict.Waived, Verdict.Pass })
        {
            json.WriteNumber(ReportOrder.Verdict(verdict), result.Count(verdict));
        }

        json.WriteNumber("not-applicable", result.NotApplicable);
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

    /// <summary>Per framework, each control with its resource counts, and the share of assessed controls fully passing.</summary>
    internal static void WriteCompliance(Utf8JsonWriter json, IEnumerable<FrameworkScore> frameworks) =>
        WriteCompliance(json, frameworks, control => WriteControl(json, control, ruleIndex: null));

    /// <summary>The same, each control written by <paramref name="writeControl"/>.</summary>
    internal static void WriteCompliance(Utf8JsonWriter json, IEnumerable<FrameworkScore> frameworks, Action<ControlScore> writeControl)
    {
        json.WriteStartArray("compliance");
        foreach (var framework in frameworks)
        {
            json.WriteStartObject();
            json.WriteString("framework", framework.Framework);
            json.WriteString("title", framework.Title);
            json.WriteNumber("assessed", framework.Assessed);
            json.WriteNumber("fullyPassing", framework.FullyPassing);
            WritePercent(json, framework.Percent);

            json.WriteStartArray("controls");
            foreach (var control in framework.Controls)
            {
                writeControl(control);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>A control, its rules by ID or, when <paramref name="ruleIndex"/> is given, by index into the report's rule table, and its counts.</summary>
    internal static void WriteControl(Utf8JsonWriter json, ControlScore control, IReadOnlyDictionary<string, int>? ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("control", control.Control);
        json.WriteStartArray("rules");
        foreach (var rule in control.Rules)
        {
            if (ruleIndex is null)
            {
                json.WriteStringValue(rule);
            }
            else
            {
                json.WriteNumberValue(ruleIndex[rule]);
            }
        }

        json.WriteEndArray();
        WriteControlCounts(json, control);
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
        WritePercent(json, share.Percent);
        json.WriteEndObject();
    }

    /// <summary>A percentage to one decimal, or null when there is nothing to divide by.</summary>
    private static void WritePercent(Utf8JsonWriter json, double? percent)
    {
        if (percent is { } value)
        {
            json.WriteNumber("percent", Math.Round(value, 1, MidpointRounding.AwayFromZero));
        }
        else
        {
            json.WriteNull("percent");
        }
    }

    /// <summary>A control's resources by verdict, as the JSON report and SARIF's taxa carry them.</summary>
    internal static void WriteControlCounts(Utf8JsonWriter json, ControlScore control)
    {
        json.WriteNumber("resources", control.Resources);
        json.WriteNumber("failing", control.Failing);
        json.WriteNumber("unknown", control.Unknown);
        json.WriteNumber("waived", control.Waived);
        json.WriteNumber("passing", control.Passing);
        json.WriteBoolean("fullyPassing", control.FullyPassing);
    }
}
