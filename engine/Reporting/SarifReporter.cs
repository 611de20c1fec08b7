using System.Text.Json;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Reporting;

/// <summary>
/// SARIF 2.1.0 for code review: one result per failure, unknown and waiver, located at the resource's line in its
/// input file so the review annotates the template line; rules carry their help text; waivers are suppressions.
/// Passes are left out (they would bury what matters).
/// </summary>
public static class SarifReporter
{
    public static void Write(IReportSource result, string toolVersion, Stream output) => JsonOutput.Write(output, json =>
    {
        var rules = result.Policy.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        var compliance = result.Compliance;
        WriteTool(json, rules, toolVersion, compliance);
        WriteTaxonomies(json, compliance);
        WriteInvocation(json, result);
        json.WriteStartArray("results");
        foreach (var finding in result.FindingsInOrder.Where(f => f.Verdict is Verdict.Fail or Verdict.Unknown or Verdict.Waived))
        {
            WriteResult(json, finding, ruleIndex[finding.Rule.Id]);
            JsonOutput.FlushNow(json);
        }

        json.WriteEndArray();
        json.WriteStartObject("properties");
        json.WriteNumber("passed", result.Count(Verdict.Pass));
        json.WriteNumber("notApplicable", result.NotApplicable);
        JsonReporter.WriteKpis(json, result.Kpis);
        JsonReporter.WriteCompliance(json, compliance);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteTool(Utf8JsonWriter json, List<CompiledRule> rules, string toolVersion, IReadOnlyList<FrameworkScore> compliance)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "sec08");
        json.WriteString("semanticVersion", toolVersion);
        json.WriteString("informationUri", "https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/sec-08.html");
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Requirement);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Message);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", $"{rule.Message} (requirement `{rule.Requirement}`, {rule.Origin})");
            json.WriteEndObject();
            json.WriteStartObject("help");
            json.WriteString("text", rule.Remediation ?? rule.Message);
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.Severity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("severity", ReportOrder.Severity(rule.Severity));
            json.WriteStartArray("tags");
            json.WriteStringValue("security");
            if (rule.Control is { } control)
            {
                json.WriteStringValue(control);
            }

            foreach (var reference in rule.Compliance)
            {
                json.WriteStringValue($"{reference.Framework}:{reference.Control}");
            }

            json.WriteEndArray();
            json.WriteEndObject();
            WriteRelationships(json, rule);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (compliance.Count > 0)
        {
            json.WriteStartArray("supportedTaxonomies");
            foreach (var framework in compliance)
            {
                json.WriteStartObject();
                json.WriteString("name", framework.Framework);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Each control a rule maps to, as a relationship to the control's taxon.</summary>
    private static void WriteRelationships(Utf8JsonWriter json, CompiledRule rule)
    {
        if (rule.Compliance.IsEmpty)
        {
            return;
        }

        json.WriteStartArray("relationships");
        foreach (var reference in rule.Compliance)
        {
            json.WriteStartObject();
            json.WriteStartObject("target");
            json.WriteString("id", reference.Control);
            json.WriteStartObject("toolComponent");
            json.WriteString("name", reference.Framework);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("kinds");
            json.WriteStringValue("relevant");
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>A taxonomy per compliance framework, a taxon per control with its resource counts.</summary>
    private static void WriteTaxonomies(Utf8JsonWriter json, IReadOnlyList<FrameworkScore> compliance)
    {
        if (compliance.Count == 0)
        {
            return;
        }

        json.WriteStartArray("taxonomies");
        foreach (var framework in compliance)
        {
            json.WriteStartObject();
            json.WriteString("name", framework.Framework);
            json.WriteString("fullName", framework.Title);
            json.WriteStartArray("taxa");
            foreach (var control in framework.Controls)
            {
                json.WriteStartObject();
                json.WriteString("id", control.Control);
                json.WriteStartObject("properties");
                JsonReporter.WriteControlCounts(json, control);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("properties");
            json.WriteNumber("assessed", framework.Assessed);
            json.WriteNumber("fullyPassing", framework.FullyPassing);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// Inputs that could not be read, as error notifications of an unsuccessful invocation; written only when there
    /// are some, so a complete run's log is unchanged.
    /// </summary>
    private static void WriteInvocation(Utf8JsonWriter json, IReportSource result)
    {
        if (result.InputErrors.IsEmpty)
        {
            return;
        }

        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", false);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var error in result.InputErrors)
        {
            json.WriteStartObject();
            json.WriteString("level", "error");
            json.WriteStartObject("message");
            json.WriteString("text", $"input not read: {error.Message}");
            json.WriteEndObject();
            json.WriteStartArray("locations");
            WriteLocation(json, error.File, error.Line, error.Column, null);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding, int ruleIndex)
    {
        var rule = finding.Rule;
        var resource = finding.Resource;
        json.WriteStartObject();
        json.WriteString("ruleId", rule.Id);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("kind", finding.Verdict == Verdict.Unknown ? "review" : "fail");
        json.WriteString("level", finding.Verdict == Verdict.Unknown ? "note" : Level(rule.Severity));
        json.WriteStartObject("message");
        var because = finding.Reason is { } reason ? $": {reason}" : string.Empty;
        var text = finding.Verdict == Verdict.Unknown
            ? $"cannot tell whether {resource.Type} `{resource.Id}` meets `{rule.Id}` ({rule.Message}){because}"
            : $"{resource.Type} `{resource.Id}` breaks `{rule.Id}` ({rule.Message}){because}";
        json.WriteString("text", text);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        WriteLocation(json, resource.Position.File, resource.Position.Line, resource.Position.Column, null);
        json.WriteEndArray();
        json.WriteStartArray("relatedLocations");
        WriteLocation(json, rule.Origin.File, rule.Origin.Line, rule.Origin.Column, $"policy clause of `{rule.Requirement}`");
        json.WriteEndArray();
        if (finding.Verdict == Verdict.Waived && finding.Waiver is { } waiver)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("justification", $"waiver `{waiver.Name}` until {waiver.Expires:yyyy-MM-dd}: {waiver.Reason}");
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("verdict", ReportOrder.Verdict(finding.Verdict));
        json.WriteString("resource", resource.Id);
        json.WriteString("resourceType", resource.Type);
        json.WriteString("classification", finding.Classification);
        if (rule.Remediation is { } fix)
        {
            json.WriteString("remediation", fix);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter json, string file, int line, int column, string? message)
    {
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", SarifUri.Of(file));
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", line);
        json.WriteNumber("startColumn", column);
        json.WriteEndObject();
        json.WriteEndObject();
        if (message is not null)
        {
            json.WriteStartObject("message");
            json.WriteString("text", message);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };
}
