using System.Text;
using System.Text.Json.Nodes;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Emit.Deploy;

namespace Sec08Policy.Compiler.Emit.Config;

/// <summary>
/// <c>config/conformance-pack.yaml</c>: the Config rules (and, when asked, their remediations) as a conformance pack
/// template, deployable as it is with <c>put-conformance-pack</c> in one account or <c>put-organization-conformance-pack</c>
/// across an organization. Its parameters are the role remediations run as and the ARNs of the keys they apply.
/// </summary>
internal static class ConformancePackWriter
{
    public const string Path = "config/conformance-pack.yaml";

    /// <summary>PutConformancePack's TemplateBody holds at most 51,200 bytes; a larger template is deployed from S3.</summary>
    public const int MaxTemplateBodyBytes = 51_200;

    /// <summary>A template deployed from S3 (TemplateS3Uri) holds at most 300 KB.</summary>
    public const int MaxTemplateBytes = 300 * 1024;

    /// <summary>A conformance pack holds at most 130 Config rules (AWS Config service limits).</summary>
    public const int MaxRules = 130;

    public const string RoleParameter = "Sec08RemediationRoleArn";

    public static string KeyParameter(string key) => "Sec08Key" + SidNames.Pascal(key) + "Arn";

    public static Artifact Write(EmitContext context, ConfigRules config)
    {
        var remediation = context.Options.Remediation;
        var remediated = remediation == RemediationMode.None ? [] : config.Rules.Where(r => r.Remediation.Runbook is not null).ToList();
        var parameters = new JsonObject();
        if (remediated.Count > 0)
        {
            parameters[RoleParameter] = new JsonObject
            {
                ["Type"] = "String",
                ["Description"] = "ARN of the IAM role Systems Manager Automation assumes to run the remediation runbooks",
            };
            foreach (var key in remediated.Select(r => r.Remediation.Key).OfType<Engine.Model.KeySpec>().DistinctBy(k => k.Name).OrderBy(k => k.Name, StringComparer.Ordinal))
            {
                parameters[KeyParameter(key.Name)] = new JsonObject
                {
                    ["Type"] = "String",
                    ["Description"] = $"ARN of key `{key.Name}`{(key.Alias is null ? string.Empty : $" ({key.Alias})")}, applied by remediations",
                };
            }
        }

        var resources = new JsonObject();
        foreach (var rule in config.Rules)
        {
            resources[rule.LogicalId] = new JsonObject
            {
                ["Type"] = "AWS::Config::ConfigRule",
                ["Properties"] = RuleProperties(rule),
            };
        }

        foreach (var rule in remediated)
        {
            resources[rule.LogicalId + "Remediation"] = new JsonObject
            {
                ["Type"] = "AWS::Config::RemediationConfiguration",
                ["DependsOn"] = rule.LogicalId,
                ["Properties"] = RemediationProperties(rule, remediation == RemediationMode.Automatic),
            };
        }

        var template = new JsonObject();
        if (parameters.Count > 0)
        {
            template["Parameters"] = parameters;
        }

        template["Resources"] = resources;
        var text = YamlWriter.Write(template);
        var bytes = Encoding.UTF8.GetByteCount(text);
        var location = context.PolicySet.Rules.IsEmpty ? null : context.Locate(context.PolicySet.Rules[0].Origin);
        if (config.Rules.Length > MaxRules && location is not null)
        {
            context.Diagnostics.Report(Descriptors.ConformancePackTooManyRules, location, config.Rules.Length);
        }

        var size = bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        if (bytes > MaxTemplateBytes && location is not null)
        {
            context.Diagnostics.Report(Descriptors.ConformancePackTooLarge, location, size);
        }
        else if (bytes > MaxTemplateBodyBytes && location is not null)
        {
            context.Diagnostics.Report(Descriptors.ConformancePackFromS3, location, size);
        }

        return new Artifact(Path, text);
    }

    private static JsonObject RuleProperties(ConfigRuleOutput rule)
    {
        var description = $"sec08 {rule.Rule.Id}: {rule.Rule.Message}";
        var properties = new JsonObject
        {
            ["ConfigRuleName"] = rule.Name,
            ["Description"] = description.Length <= 256 ? description : description[..255] + "…",
            ["Scope"] = new JsonObject { ["ComplianceResourceTypes"] = JsonNodes.Strings(rule.ResourceTypes) },
        };
        if (rule.Managed is { } managed)
        {
            properties["Source"] = new JsonObject { ["Owner"] = "AWS", ["SourceIdentifier"] = managed.Identifier };
            return properties;
        }

        properties["Source"] = new JsonObject
        {
            ["Owner"] = "CUSTOM_POLICY",
            ["SourceDetails"] = new JsonArray(
                new JsonObject { ["EventSource"] = "aws.config", ["MessageType"] = "ConfigurationItemChangeNotification" },
                new JsonObject { ["EventSource"] = "aws.config", ["MessageType"] = "OversizedConfigurationItemChangeNotification" }),
            ["CustomPolicyDetails"] = new JsonObject
            {
                ["PolicyRuntime"] = "guard-2.x.x",
                ["EnableDebugLogDelivery"] = false,
                ["PolicyText"] = rule.PolicyText,
            },
        };
        return properties;
    }

    private static JsonObject RemediationProperties(ConfigRuleOutput rule, bool automatic)
    {
        var runbook = rule.Remediation.Runbook!;
        var parameters = new JsonObject
        {
            ["AutomationAssumeRole"] = Static(new JsonObject { ["Ref"] = RoleParameter }),
            [runbook.ResourceParameter] = new JsonObject { ["ResourceValue"] = new JsonObject { ["Value"] = "RESOURCE_ID" } },
        };
        if (runbook.KeyParameter is { } keyParameter)
        {
            parameters[keyParameter] = Static(new JsonObject { ["Ref"] = KeyParameter(rule.Remediation.Key!.Name) });
        }

        var properties = new JsonObject
        {
            ["ConfigRuleName"] = rule.Name,
            ["TargetType"] = "SSM_DOCUMENT",
            ["TargetId"] = runbook.Document,
            ["Parameters"] = parameters,
            ["Automatic"] = automatic,
        };
        if (automatic)
        {
            properties["MaximumAutomaticAttempts"] = 3;
            properties["RetryAttemptSeconds"] = 60;
        }

        return properties;
    }

    private static JsonObject Static(JsonNode value) => new() { ["StaticValue"] = new JsonObject { ["Values"] = new JsonArray(value) } };
}
