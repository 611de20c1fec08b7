using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Emit.Deploy;
using Sec08Policy.Compiler.Emit.Json;
using Sec08Policy.Compiler.Emit.Kms;

namespace Sec08Policy.Compiler.Emit.Config;

/// <summary>
/// Alerts on non-compliant evaluations of the build's Config rules: an EventBridge rule on Config's compliance change
/// events of rules named <c>sec08-...</c> whose new result is NON_COMPLIANT, publishing to an SNS topic encrypted with
/// the policy's first declared key. The key's policy lets EventBridge use it for the topic, and the topic's policy lets
/// EventBridge publish from that rule only. Subscribers are a parameter of the deployment (<c>AlertEmail</c>,
/// <c>alert_emails</c>). Reads the IR and the built documents only.
/// </summary>
internal sealed record ComplianceAlerts(string KeyName)
{
    public const string TopicName = "sec08-compliance-alerts";

    public const string RuleName = "sec08-compliance-alerts";

    /// <summary>The Sid of the key policy statement that lets EventBridge use the key for the topic.</summary>
    public const string KeyStatementSid = "AllowEventBridgeToUseTheKeyForComplianceAlerts";

    private const string Description = "Non-compliant evaluations of the sec08 AWS Config rules";

    /// <summary>
    /// The alerts of a build that has Config rules, under the policy's first key with a key policy; null (with SP3037)
    /// when the policy declares no such key, since an unencrypted topic is no option.
    /// </summary>
    public static ComplianceAlerts? Plan(EmitContext context, BuildDocuments documents, ConfigRules config)
    {
        if (config.Rules.IsEmpty)
        {
            return null;
        }

        var key = context.PolicySet.Keys.FirstOrDefault(k => documents.KeyPolicies.Any(d => d.Name == k.Name));
        if (key is null)
        {
            context.Diagnostics.Report(Descriptors.AlertsWithoutKey, context.Locate(config.Rules[0].Rule.Origin));
            return null;
        }

        return new ComplianceAlerts(key.Name);
    }

    /// <summary>The documents with the statement that lets EventBridge encrypt and decrypt the topic's messages under the key.</summary>
    public BuildDocuments GrantKey(EmitContext context, BuildDocuments documents)
    {
        var key = context.PolicySet.Keys.Single(k => k.Name == KeyName);
        var policies = documents.KeyPolicies.Select(document =>
        {
            if (document.Name != KeyName)
            {
                return document;
            }

            // As the SNS developer guide writes it for EventBridge publishing to a topic under a customer managed key.
            var statement = new PolicyStatement
            {
                Sid = KeyStatementSid,
                Effect = "Allow",
                Principal = new PolicyPrincipal(false, ImmutableSortedDictionary.Create<string, ValueList>(StringComparer.Ordinal).Add("Service", ValueList.Of("events.amazonaws.com"))),
                Action = ValueList.Of("kms:Decrypt", "kms:GenerateDataKey*"),
                Resource = ValueList.Of("*"),
            };
            var granted = document with
            {
                Document = document.Document with { Statement = document.Document.Statement.Add(statement) },
                Entries = document.Entries.Add(new ManifestEntry(document.Path, statement.Sid, "kms", KeyName, key.Origin)),
            };
            var size = PolicyJson.Utf8Length(PolicyJson.Indented(granted.Document));
            if (size > KmsKeyPolicyEmitter.MaxBytes)
            {
                context.Diagnostics.Report(Descriptors.KeyPolicyTooLarge, context.Locate(key.Origin), KeyName, size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            }

            return granted;
        });
        return documents with { KeyPolicies = [.. policies] };
    }

    /// <summary>
    /// Config's compliance change events of the sec08 rules turned NON_COMPLIANT. A rule deployed by a conformance pack
    /// is named after the pack's rule with a suffix (<c>sec08-...-conformance-pack-...</c>), so the name matches by prefix.
    /// </summary>
    public static JsonObject EventPattern() => new()
    {
        ["source"] = JsonNodes.Strings(["aws.config"]),
        ["detail-type"] = JsonNodes.Strings(["Config Rules Compliance Change"]),
        ["detail"] = new JsonObject
        {
            ["messageType"] = JsonNodes.Strings(["ComplianceChangeNotification"]),
            ["configRuleName"] = new JsonArray(new JsonObject { ["prefix"] = "sec08-" }),
            ["newEvaluationResult"] = new JsonObject { ["complianceType"] = JsonNodes.Strings(["NON_COMPLIANT"]) },
        },
    };

    /// <summary>The CloudFormation resources: the topic under the key, its policy, the rule, and an optional e-mail subscription.</summary>
    public void AddTo(JsonObject parameters, JsonObject conditions, JsonObject resources, JsonObject outputs)
    {
        parameters["AlertEmail"] = new JsonObject
        {
            ["Type"] = "String",
            ["Default"] = string.Empty,
            ["Description"] = "An e-mail address to subscribe to the compliance alerts topic (empty: none; add others to the topic)",
        };
        conditions["HasAlertEmail"] = new JsonObject
        {
            ["Fn::Not"] = new JsonArray(new JsonObject { ["Fn::Equals"] = new JsonArray(new JsonObject { ["Ref"] = "AlertEmail" }, string.Empty) }),
        };
        resources["ComplianceAlertsTopic"] = new JsonObject
        {
            ["Type"] = "AWS::SNS::Topic",
            ["Properties"] = new JsonObject
            {
                ["TopicName"] = TopicName,
                ["DisplayName"] = Description,
                ["KmsMasterKeyId"] = new JsonObject { ["Fn::GetAtt"] = JsonNodes.Strings(["Key" + SidNames.Pascal(KeyName), "Arn"]) },
            },
        };
        resources["ComplianceAlertsTopicPolicy"] = new JsonObject
        {
            ["Type"] = "AWS::SNS::TopicPolicy",
            ["Properties"] = new JsonObject
            {
                ["Topics"] = new JsonArray(new JsonObject { ["Ref"] = "ComplianceAlertsTopic" }),
                ["PolicyDocument"] = TopicPolicy(new JsonObject { ["Ref"] = "ComplianceAlertsTopic" }, new JsonObject { ["Fn::GetAtt"] = JsonNodes.Strings(["ComplianceAlertsRule", "Arn"]) }),
            },
        };
        resources["ComplianceAlertsRule"] = new JsonObject
        {
            ["Type"] = "AWS::Events::Rule",
            ["Properties"] = new JsonObject
            {
                ["Name"] = RuleName,
                ["Description"] = Description,
                ["State"] = "ENABLED",
                ["EventPattern"] = EventPattern(),
                ["Targets"] = new JsonArray(new JsonObject { ["Id"] = "ComplianceAlertsTopic", ["Arn"] = new JsonObject { ["Ref"] = "ComplianceAlertsTopic" } }),
            },
        };
        resources["ComplianceAlertsSubscription"] = new JsonObject
        {
            ["Type"] = "AWS::SNS::Subscription",
            ["Condition"] = "HasAlertEmail",
            ["Properties"] = new JsonObject
            {
                ["TopicArn"] = new JsonObject { ["Ref"] = "ComplianceAlertsTopic" },
                ["Protocol"] = "email",
                ["Endpoint"] = new JsonObject { ["Ref"] = "AlertEmail" },
            },
        };
        outputs["ComplianceAlertsTopicArn"] = new JsonObject { ["Value"] = new JsonObject { ["Ref"] = "ComplianceAlertsTopic" } };
    }

    /// <summary>The Terraform resources, and the <c>alert_emails</c> variable whose addresses are subscribed.</summary>
    public void AddTo(JsonObject variables, JsonObject resource)
    {
        variables["alert_emails"] = new JsonObject
        {
            ["type"] = "list(string)",
            ["default"] = new JsonArray(),
            ["description"] = "E-mail addresses to subscribe to the compliance alerts topic",
        };
        resource["aws_sns_topic"] = new JsonObject
        {
            ["compliance_alerts"] = new JsonObject
            {
                ["name"] = TopicName,
                ["display_name"] = Description,
                ["kms_master_key_id"] = $"${{aws_kms_key.{KeyName}.arn}}",
            },
        };
        resource["aws_sns_topic_policy"] = new JsonObject
        {
            ["compliance_alerts"] = new JsonObject
            {
                ["arn"] = "${aws_sns_topic.compliance_alerts.arn}",
                ["policy"] = TopicPolicy("${aws_sns_topic.compliance_alerts.arn}", "${aws_cloudwatch_event_rule.compliance_alerts.arn}").ToJsonString(),
            },
        };
        resource["aws_cloudwatch_event_rule"] = new JsonObject
        {
            ["compliance_alerts"] = new JsonObject
            {
                ["name"] = RuleName,
                ["description"] = Description,
                ["event_pattern"] = EventPattern().ToJsonString(),
            },
        };
        resource["aws_cloudwatch_event_target"] = new JsonObject
        {
            ["compliance_alerts"] = new JsonObject
            {
                ["rule"] = "${aws_cloudwatch_event_rule.compliance_alerts.name}",
                ["target_id"] = "compliance-alerts-topic",
                ["arn"] = "${aws_sns_topic.compliance_alerts.arn}",
            },
        };
        resource["aws_sns_topic_subscription"] = new JsonObject
        {
            ["compliance_alerts"] = new JsonObject
            {
                ["for_each"] = "${toset(var.alert_emails)}",
                ["topic_arn"] = "${aws_sns_topic.compliance_alerts.arn}",
                ["protocol"] = "email",
                ["endpoint"] = "${each.value}",
            },
        };
    }

    /// <summary>The topic's policy: EventBridge may publish, from the alerts rule only.</summary>
    private static JsonObject TopicPolicy(JsonNode topic, JsonNode rule) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Sid"] = "AllowComplianceAlertsRuleToPublish",
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = "events.amazonaws.com" },
            ["Action"] = "sns:Publish",
            ["Resource"] = topic,
            ["Condition"] = new JsonObject { ["ArnEquals"] = new JsonObject { ["aws:SourceArn"] = rule } },
        }),
    };
}
