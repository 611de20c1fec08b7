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

    public static void Write(IReportSource result, AsffTarget target, Stream output) => JsonOutput.Write(output, json =>
    {
        var time = result.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T00:00:00Z";
        json.WriteStartObject();
        json.WriteStartArray("Findings");
        foreach (var finding in result.FindingsInOrder)
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
        WriteHeader(json, $"sec08/{rule.Id}/{resource.Id}", $"sec08/{rule.Id}", partition, account, region, time);
        json.WriteStartObject("Severity");
        json.WriteString("Label", Label(rule.Severity));
        json.WriteString("Original", ReportOrder.Severity(rule.Severity));
        json.WriteEndObject();
        json.WriteStartObject("FindingProviderFields");
        json.WriteStartObject("Severity");
        json.WriteString("Label", Label(rule.Severity));
        json.WriteString("Original", ReportOrder.Severity(rule.Severity));
        json.WriteEndObject();
        WriteTypes(json);
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
        WriteResource(json, ResourceType(resource.Type), resource.Arn is { IsKnown: true, Value: { } resourceArn } ? resourceArn : resource.Id, partition, region);
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
        WriteHeader(json, $"sec08/input/{error.File}", "sec08/input", "aws", account, region, time);
        json.WriteStartObject("Severity");
        json.WriteString("Label", "HIGH");
        json.WriteEndObject();
        json.WriteString("Title", Truncate($"Input could not be read: {error.File}", 256));
        json.WriteString("Description", Truncate($"{error}. Its resources are not evaluated.", 1024));
        WriteResource(json, "Other", error.File, "aws", region);
        json.WriteStartObject("Compliance");
        json.WriteString("Status", "NOT_AVAILABLE");
        json.WriteEndObject();
        json.WriteString("RecordState", "ACTIVE");
        json.WriteEndObject();
    }

    /// <summary>Opens a finding with the fields every finding has, in ASFF's order: identity, product, account, types, times.</summary>
    private static void WriteHeader(Utf8JsonWriter json, string id, string generator, string partition, string account, string region, string time)
    {
        json.WriteStartObject();
        json.WriteString("SchemaVersion", SchemaVersion);
        json.WriteString("Id", Truncate(id, 512));
        json.WriteString("ProductArn", $"arn:{partition}:securityhub:{region}:{account}:product/{account}/default");
        json.WriteString("GeneratorId", Truncate(generator, 512));
        json.WriteString("AwsAccountId", account);
        WriteTypes(json);
        json.WriteString("CreatedAt", time);
        json.WriteString("UpdatedAt", time);
    }

    private static void WriteTypes(Utf8JsonWriter json)
    {
        json.WriteStartArray("Types");
        json.WriteStringValue("Software and Configuration Checks/AWS Security Best Practices/Data Protection at Rest");
        json.WriteEndArray();
    }

    /// <summary>The one resource a finding is about.</summary>
    private static void WriteResource(Utf8JsonWriter json, string type, string id, string partition, string region)
    {
        json.WriteStartArray("Resources");
        json.WriteStartObject();
        json.WriteString("Type", type);
        json.WriteString("Id", Truncate(id, 512));
        json.WriteString("Partition", partition);
        json.WriteString("Region", region);
        json.WriteEndObject();
        json.WriteEndArray();
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
