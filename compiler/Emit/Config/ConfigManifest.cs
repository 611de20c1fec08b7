using System.Text.Json;
using Sec08Policy.Engine.Serialization;

namespace Sec08Policy.Compiler.Emit.Config;

/// <summary>
/// The <c>config</c> section of <c>manifest.json</c>: every Config rule with its clause, resource types, source (Guard
/// or the AWS managed rule chosen instead, and the managed rules set aside), the cases it leaves to <c>sec08 eval</c>
/// and its remediation; then what no Config rule evaluates.
/// </summary>
internal static class ConfigManifest
{
    public static void Write(Utf8JsonWriter json, ConfigRules config)
    {
        json.WriteStartObject("config");
        json.WriteString("conformancePack", config.Rules.IsEmpty ? null : ConformancePackWriter.Path);
        if (config.Alerts is { } alerts)
        {
            json.WriteStartObject("alerts");
            json.WriteString("eventRule", ComplianceAlerts.RuleName);
            json.WriteString("topic", ComplianceAlerts.TopicName);
            json.WriteString("key", alerts.KeyName);
            json.WriteString("keyStatement", ComplianceAlerts.KeyStatementSid);
            json.WriteEndObject();
        }

        json.WriteStartArray("rules");
        foreach (var rule in config.Rules.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("configRule", rule.Name);
            json.WriteString("rule", rule.Rule.Id);
            json.WriteString("kind", rule.Managed is null ? "guard" : "managed");
            if (rule.Managed is { } managed)
            {
                json.WriteString("identifier", managed.Identifier);
                json.WriteString("why", managed.Why);
                json.WriteString("source", managed.Source);
            }
            else
            {
                json.WriteString("file", rule.GuardFile);
                json.WriteNumber("policyTextLength", rule.PolicyText!.Length);
            }

            json.WriteStartArray("resourceTypes");
            foreach (var type in rule.ResourceTypes)
            {
                json.WriteStringValue(type);
            }

            json.WriteEndArray();
            json.WriteStartArray("decides");
            foreach (var type in rule.Decides)
            {
                json.WriteStringValue(type);
            }

            json.WriteEndArray();
            if (rule.Managed is null)
            {
                WriteSetAside(json, rule);
            }

            json.WriteStartArray("undecided");
            foreach (var (type, cases) in rule.Undecided)
            {
                json.WriteStartObject();
                json.WriteString("resourceType", type);
                json.WriteStartArray("cases");
                foreach (var text in cases)
                {
                    json.WriteStringValue(text);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("remediation");
            if (rule.Remediation.Runbook is { } runbook)
            {
                json.WriteString("runbook", runbook.Document);
                json.WriteString("source", runbook.Source);
                if (rule.Remediation.Key is { } key)
                {
                    json.WriteString("key", key.Name);
                }
            }
            else
            {
                json.WriteString("manual", rule.Remediation.ManualBecause);
            }

            json.WriteEndObject();
            PolicySetJson.WriteOrigin(json, rule.Rule.Origin);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("leftOut");
        foreach (var left in config.LeftOut)
        {
            json.WriteStartObject();
            json.WriteString("rule", left.Rule.Id);
            json.WriteString("services", left.Services);
            json.WriteString("why", left.Reason);
            json.WriteString("decidedBy", left.Undecidable ? "sec08 eval" : "sec08 eval; AWS Config cannot evaluate it");
            PolicySetJson.WriteOrigin(json, left.Rule.Origin);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The AWS managed rules considered for the rule's types and set aside, with the reason.</summary>
    private static void WriteSetAside(Utf8JsonWriter json, ConfigRuleOutput rule)
    {
        var setAside = ManagedRules.Considered
            .Where(m => rule.ResourceTypes.Contains(m.Type) && m.Check(rule.Rule.Check))
            .ToList();
        if (setAside.Count == 0)
        {
            return;
        }

        json.WriteStartArray("managedRulesSetAside");
        foreach (var (identifier, _, _, why) in setAside)
        {
            json.WriteStartObject();
            json.WriteString("identifier", identifier);
            json.WriteString("why", why);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
