using System.Text.Json.Nodes;
using Sec08Policy.Compiler.Emit.Config;
using Sec08Policy.Compiler.Emit.Json;
using Sec08Policy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Sec08Policy.Tests.Config;

/// <summary>
/// The alerts on non-compliant Config evaluations: an EventBridge rule that matches Config's compliance change events
/// of the built rules only when they turn NON_COMPLIANT, an SNS topic under the policy's first key, a topic policy that
/// lets only that rule publish, and the key policy statement that lets EventBridge use the key, in both deploy outputs.
/// </summary>
public class ComplianceAlertsTests
{
    /// <summary>Config's compliance change event, as EventBridge delivers it (the Config developer guide's example).</summary>
    private static JsonObject ComplianceChange(string ruleName, string compliance) => new()
    {
        ["version"] = "0",
        ["source"] = "aws.config",
        ["detail-type"] = "Config Rules Compliance Change",
        ["account"] = "111122223333",
        ["region"] = "eu-west-1",
        ["detail"] = new JsonObject
        {
            ["resourceId"] = "acme-data",
            ["awsRegion"] = "eu-west-1",
            ["awsAccountId"] = "111122223333",
            ["configRuleName"] = ruleName,
            ["configRuleARN"] = "arn:aws:config:eu-west-1:111122223333:config-rule/config-rule-abcdef",
            ["messageType"] = "ComplianceChangeNotification",
            ["newEvaluationResult"] = new JsonObject { ["complianceType"] = compliance },
            ["oldEvaluationResult"] = new JsonObject { ["complianceType"] = "COMPLIANT" },
            ["resourceType"] = "AWS::S3::Bucket",
        },
    };

    [TestCase("sec08-encryption_at_rest-2-1", "NON_COMPLIANT", true)]
    [TestCase("sec08-encryption_at_rest-1-conformance-pack-9xq1ab2c", "NON_COMPLIANT", true)]
    [TestCase("sec08-encryption_at_rest-1-conformance-pack-9xq1ab2c", "COMPLIANT", false)]
    [TestCase("sec08-encryption_at_rest-1", "NOT_APPLICABLE", false)]
    [TestCase("s3-bucket-ssl-requests-only", "NON_COMPLIANT", false)]
    public void EventPattern_MatchesNonCompliantEvaluationsOfTheSec08RulesOnly(string rule, string compliance, bool expected)
    {
        Assert.That(Matches(ComplianceAlerts.EventPattern(), ComplianceChange(rule, compliance)), Is.EqualTo(expected));
    }

    [Test]
    public void CloudFormation_EncryptsTheTopicWithTheFirstKey_AndLetsOnlyTheRulePublish()
    {
        using var temp = new TempFolder();
        Assert.That(CliRunner.Invoke("build", "policies", "-o", temp.Combine("out")).ExitCode, Is.EqualTo(0));
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(temp.Combine("out", "cloudformation.yaml"))));
        var template = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ToPlain(yaml.Documents[0].RootNode)))!;
        var resources = template["Resources"]!;

        Assert.That(resources["ComplianceAlertsTopic"]!["Properties"]!["KmsMasterKeyId"]!.ToJsonString(), Is.EqualTo("""{"Fn::GetAtt":["KeyInternalData","Arn"]}"""));
        var rule = resources["ComplianceAlertsRule"]!["Properties"]!;
        Assert.That(JsonNode.DeepEquals(rule["EventPattern"], ComplianceAlerts.EventPattern()), Is.True);
        Assert.That(rule["Targets"]![0]!["Arn"]!.ToJsonString(), Is.EqualTo("""{"Ref":"ComplianceAlertsTopic"}"""));
        var statement = resources["ComplianceAlertsTopicPolicy"]!["Properties"]!["PolicyDocument"]!["Statement"]![0]!;
        Assert.That(statement["Principal"]!["Service"]!.GetValue<string>(), Is.EqualTo("events.amazonaws.com"));
        Assert.That(statement["Condition"]!["ArnEquals"]!["aws:SourceArn"]!.ToJsonString(), Is.EqualTo("""{"Fn::GetAtt":["ComplianceAlertsRule","Arn"]}"""));
        Assert.That(resources["ComplianceAlertsSubscription"]!["Condition"]!.GetValue<string>(), Is.EqualTo("HasAlertEmail"));
        Assert.That(template["Parameters"]!["AlertEmail"]!["Default"]!.GetValue<string>(), Is.Empty, "subscribers are a parameter");

        // The key policy deployed with the key carries the statement, and only that key's.
        var keyPolicy = resources["KeyInternalData"]!["Properties"]!["KeyPolicy"]!["Statement"]!.AsArray();
        var grant = keyPolicy.Single(s => s!["Sid"]!.GetValue<string>() == ComplianceAlerts.KeyStatementSid)!;
        Assert.That(grant["Principal"]!["Service"]!.GetValue<string>(), Is.EqualTo("events.amazonaws.com"));
        Assert.That(grant["Action"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EquivalentTo(new[] { "kms:Decrypt", "kms:GenerateDataKey*" }));
        Assert.That(resources["KeyConfidentialData"]!.ToJsonString(), Does.Not.Contain(ComplianceAlerts.KeyStatementSid));
        Assert.That(PolicyJson.Parse(File.ReadAllText(temp.Combine("out", "kms", "internal_data.json"))).Statement.Select(s => s.Sid), Does.Contain(ComplianceAlerts.KeyStatementSid));
    }

    [Test]
    public void Terraform_DeploysTheSameAlerts_WithSubscribersAsAVariable()
    {
        using var temp = new TempFolder();
        Assert.That(CliRunner.Invoke("build", "policies", "-o", temp.Combine("out")).ExitCode, Is.EqualTo(0));
        var root = JsonNode.Parse(File.ReadAllText(temp.Combine("out", "main.tf.json")))!;
        var resource = root["resource"]!;

        Assert.That(resource["aws_sns_topic"]!["compliance_alerts"]!["kms_master_key_id"]!.GetValue<string>(), Is.EqualTo("${aws_kms_key.internal_data.arn}"));
        var pattern = JsonNode.Parse(resource["aws_cloudwatch_event_rule"]!["compliance_alerts"]!["event_pattern"]!.GetValue<string>());
        Assert.That(JsonNode.DeepEquals(pattern, ComplianceAlerts.EventPattern()), Is.True);
        Assert.That(resource["aws_cloudwatch_event_target"]!["compliance_alerts"]!["arn"]!.GetValue<string>(), Is.EqualTo("${aws_sns_topic.compliance_alerts.arn}"));
        var policy = JsonNode.Parse(resource["aws_sns_topic_policy"]!["compliance_alerts"]!["policy"]!.GetValue<string>())!;
        Assert.That(policy["Statement"]![0]!["Condition"]!["ArnEquals"]!["aws:SourceArn"]!.GetValue<string>(), Is.EqualTo("${aws_cloudwatch_event_rule.compliance_alerts.arn}"));
        Assert.That(resource["aws_sns_topic_subscription"]!["compliance_alerts"]!["for_each"]!.GetValue<string>(), Is.EqualTo("${toset(var.alert_emails)}"));
        Assert.That(root["variable"]!["alert_emails"]!["type"]!.GetValue<string>(), Is.EqualTo("list(string)"));
        var key = PolicyJson.Parse(resource["aws_kms_key"]!["internal_data"]!["policy"]!.GetValue<string>().Replace("$${", "${", StringComparison.Ordinal));
        Assert.That(key.Statement.Select(s => s.Sid), Does.Contain(ComplianceAlerts.KeyStatementSid));
    }

    /// <summary>EventBridge's matching for the parts of the pattern language the alerts use: value lists, prefixes, nesting.</summary>
    private static bool Matches(JsonObject pattern, JsonObject evt) => pattern.All(p => p.Value switch
    {
        JsonObject nested => evt[p.Key] is JsonObject inner && Matches(nested, inner),
        JsonArray options => evt[p.Key] is JsonValue value && value.GetValue<string>() is var text && options.Any(o => o switch
        {
            JsonObject { Count: 1 } prefix when prefix["prefix"] is { } start => text.StartsWith(start.GetValue<string>(), StringComparison.Ordinal),
            JsonValue literal => literal.GetValue<string>() == text,
            _ => throw new NotSupportedException(o!.ToJsonString()),
        }),
        _ => throw new NotSupportedException(p.Value!.ToJsonString()),
    });

    private static object? ToPlain(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ToPlain(c.Value)),
        YamlSequenceNode list => list.Children.Select(ToPlain).ToList(),
        YamlScalarNode scalar => scalar.Value,
        _ => null,
    };
}
