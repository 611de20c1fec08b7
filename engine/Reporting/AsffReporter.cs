using System.Text.Json;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Reporting;

/// <summary>
/// Findings in the AWS Security Finding Format, as the body of Security Hub's <c>BatchImportFindings</c>
/// (<c>{"Findings": [...]}</c>; the API takes at most 100 per call). One finding per decided rule and resource: Pass is
/// compliance PASSED, Fail FAILED, Unknown NOT_AVAILABLE, and a waived failure FAILED with its workflow SUPPRESSED.
/// Each finding belongs to the account and Region of its resource, or the ones given; the product is the account's
/// default custom integration. Times are the evaluation day at midnight UTC, so the same input gives the same file.
/// </summary>
public static class AsffReporter
{
    public const string SchemaVersion = "2018-10-08";

    public static void Write(EvaluationResult result, AsffTarget target, Stream output) => JsonOutput.Write(output, json =>
    {
        var time = result.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T00:00:00Z";
        json.WriteStartObject();
        json.WriteStartArray("Findings");
        foreach (var finding in ReportOrder.Sorted(result.Findings))
        {
            WriteFinding(json, finding, target, time);
            JsonOutput.FlushNow(json);
        }

        foreach (var error in result.InputErrors)
        {
            WriteInputError(json, error, target, time);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>The account and Region of a finding: its resource's, else the target's; null when neither is known.</summary>
    public static (string Account, string Region)? Owner(Finding finding, AsffTarget target)
    {
        var account = finding.Resource.Account is { IsKnown: true, Value: { } a } ? a : target.Account;
        var region = finding.Resource.Region is { IsKnown: true, Value: { Length: > 0 } r } ? r : target.Region;
        return account is not null && region is not null ? (account, region) : null;
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding finding, AsffTarget target, string time)
    {
        var (account, region) = Owner(finding, target) ?? throw new InvalidOperationException($"no account or Region for `{finding.Resource.Id}`");
        var rule = finding.Rule;
        var resource = finding.Resource;
        var partition = resource.Arn is { IsKnown: true, Value: { } arn } && arn.Split(':') is [_, { Length: > 0 } p, ..] ? p : "aws";
        json.WriteStartObject();
        json.WriteString("SchemaVersion", SchemaVersion);
        json.WriteString("Id", Truncate($"sec08/{rule.Id}/{resource.Id}", 512));
        json.WriteString("ProductArn", $"arn:{partition}:securityhub:{region}:{account}:product/{account}/default");
        json.WriteString("GeneratorId", Truncate($"sec08/{rule.Id}", 512));
        json.WriteString("AwsAccountId", account);
        json.WriteStartArray("Types");
        json.WriteStringValue("Software and Configuration Checks/AWS Security Best Practices/Data Protection at Rest");
        json.WriteEndArray();
        json.WriteString("CreatedAt", time);
        json.WriteString("UpdatedAt", time);
        json.WriteStartObject("Severity");
        json.WriteString("Label", Label(rule.Severity));
        json.WriteString("Original", ReportOrder.Severity(rule.Severity));
        json.WriteEndObject();
        json.WriteStartObject("FindingProviderFields");
        json.WriteStartObject("Severity");
        json.WriteString("Label", Label(rule.Severity));
        json.WriteString("Original", ReportOrder.Severity(rule.Severity));
        json.WriteEndObject();
        json.WriteStartArray("Types");
        json.WriteStringValue("Software and Configuration Checks/AWS Security Best Practices/Data Protection at Rest");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteString("Title", Truncate($"{rule.Id}: {rule.Message}", 256));
        var because = finding.Reason is { } reason ? $": {reason}" : string.Empty;
        json.WriteString("Description", Truncate($"{resource.Type} `{resource.Id}` {VerdictText(finding.Verdict)} `{rule.Id}` ({rule.Message}){because}. Policy clause: {rule.Origin}.", 1024));
        if (rule.Remediation is { } fix)
        {
            json.WriteStartObject("Remediation");
            json.WriteStartObject("Recommendation");
            json.WriteString("Text", Truncate(fix, 512));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteStartObject("ProductFields");
        json.WriteString("sec08/Rule", rule.Id);
        json.WriteString("sec08/Verdict", ReportOrder.Verdict(finding.Verdict));
        if (rule.Control is { } control)
        {
            json.WriteString("sec08/Control", control);
        }

        if (finding.Waiver is { } waiver)
        {
            json.WriteString("sec08/Waiver", waiver.Name);
        }

        json.WriteEndObject();
        json.WriteStartArray("Resources");
        json.WriteStartObject();
        json.WriteString("Type", ResourceType(resource.Type));
        json.WriteString("Id", Truncate(resource.Arn is { IsKnown: true, Value: { } resourceArn } ? resourceArn : resource.Id, 512));
        json.WriteString("Partition", partition);
        json.WriteString("Region", region);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("Compliance");
        json.WriteString("Status", finding.Verdict switch
        {
            Verdict.Pass => "PASSED",
            Verdict.Unknown => "NOT_AVAILABLE",
            _ => "FAILED",
        });
        if (!rule.Compliance.IsEmpty)
        {
            json.WriteStartArray("RelatedRequirements");
            foreach (var reference in rule.Compliance.Take(32))
            {
                json.WriteStringValue($"{reference.Framework} {reference.Control}");
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        if (finding.Verdict == Verdict.Waived)
        {
            json.WriteStartObject("Workflow");
            json.WriteString("Status", "SUPPRESSED");
            json.WriteEndObject();
        }

        json.WriteString("RecordState", "ACTIVE");
        json.WriteEndObject();
    }

    /// <summary>
    /// An input that could not be read, as a finding of its own (ASFF has no other place for it): compliance
    /// NOT_AVAILABLE for the file, so that no one reads the import as clean for resources it never saw.
    /// </summary>
    private static void WriteInputError(Utf8JsonWriter json, InputError error, AsffTarget target, string time)
    {
        var account = target.Account ?? throw new InvalidOperationException("input errors need the target account");
        var region = target.Region ?? throw new InvalidOperationException("input errors need the target Region");
        json.WriteStartObject();
        json.WriteString("SchemaVersion", SchemaVersion);
        json.WriteString("Id", Truncate($"sec08/input/{error.File}", 512));
        json.WriteString("ProductArn", $"arn:aws:securityhub:{region}:{account}:product/{account}/default");
        json.WriteString("GeneratorId", "sec08/input");
        json.WriteString("AwsAccountId", account);
        json.WriteStartArray("Types");
        json.WriteStringValue("Software and Configuration Checks/AWS Security Best Practices/Data Protection at Rest");
        json.WriteEndArray();
        json.WriteString("CreatedAt", time);
        json.WriteString("UpdatedAt", time);
        json.WriteStartObject("Severity");
        json.WriteString("Label", "HIGH");
        json.WriteEndObject();
        json.WriteString("Title", Truncate($"Input could not be read: {error.File}", 256));
        json.WriteString("Description", Truncate($"{error}. Its resources are not evaluated.", 1024));
        json.WriteStartArray("Resources");
        json.WriteStartObject();
        json.WriteString("Type", "Other");
        json.WriteString("Id", Truncate(error.File, 512));
        json.WriteString("Partition", "aws");
        json.WriteString("Region", region);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("Compliance");
        json.WriteString("Status", "NOT_AVAILABLE");
        json.WriteEndObject();
        json.WriteString("RecordState", "ACTIVE");
        json.WriteEndObject();
    }

    /// <summary>Security Hub's severity labels (ASFF <c>Severity.Label</c>).</summary>
    public static string Label(Severity severity) => severity switch
    {
        Severity.Info => "INFORMATIONAL",
        Severity.Low => "LOW",
        Severity.Medium => "MEDIUM",
        Severity.High => "HIGH",
        _ => "CRITICAL",
    };

    /// <summary>The ASFF resource type of an AWS type: the modelled <c>AwsXxx</c> names, else <c>Other</c>.</summary>
    private static string ResourceType(string awsType) => awsType switch
    {
        "AWS::S3::Bucket" => "AwsS3Bucket",
        "AWS::EC2::Volume" => "AwsEc2Volume",
        "AWS::RDS::DBInstance" => "AwsRdsDbInstance",
        "AWS::RDS::DBCluster" => "AwsRdsDbCluster",
        "AWS::RDS::DBSnapshot" => "AwsRdsDbSnapshot",
        "AWS::RDS::DBClusterSnapshot" => "AwsRdsDbClusterSnapshot",
        "AWS::DynamoDB::Table" => "AwsDynamoDbTable",
        "AWS::SQS::Queue" => "AwsSqsQueue",
        "AWS::SNS::Topic" => "AwsSnsTopic",
        "AWS::SecretsManager::Secret" => "AwsSecretsManagerSecret",
        "AWS::KMS::Key" => "AwsKmsKey",
        "AWS::CloudTrail::Trail" => "AwsCloudTrailTrail",
        _ => "Other",
    };

    private static string VerdictText(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "meets",
        Verdict.Fail => "breaks",
        Verdict.Waived => "breaks, under a waiver,",
        _ => "cannot be checked against",
    };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>The account and Region findings go to when their resource does not say (a template or a plan).</summary>
public sealed record AsffTarget(string? Account, string? Region);
