using System.Collections.Immutable;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Compiler.Emit.Config;

/// <summary>
/// AWS-owned Systems Manager Automation runbooks that fix a failure of a check on one resource type, with their
/// parameters as the runbook reference documents them. Config passes the resource ID (the bucket name, the key ID,
/// the topic ARN, the trail name) as the parameter that names the resource. Nothing here is guessed: a failure with no
/// entry is fixed by hand, and the manifest says so.
/// </summary>
internal static class Runbooks
{
    public static ImmutableArray<Runbook> All { get; } =
    [
        new("AWS-EnableS3BucketKeys", "AWS::S3::Bucket", p => p is NamedKeyPredicate, "BucketName", "KMSKeyId",
            "https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-enableS3bucketkeys.html"),
        new("AWSConfigRemediation-EncryptSNSTopic", "AWS::SNS::Topic", p => p is NamedKeyPredicate, "TopicArn", "KmsKeyArn",
            "https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-encrypt-sns-topic.html"),
        new("AWSConfigRemediation-EnableCloudTrailEncryptionWithKMS", "AWS::CloudTrail::Trail", p => p is NamedKeyPredicate, "TrailName", "KMSKeyId",
            "https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-ctrail-kms.html"),
        // The runbook turns rotation on with AWS's default period of 365 days, so it fixes a required period of 365 or more.
        new("AWSConfigRemediation-EnableKeyRotation", "AWS::KMS::Key", p => p is KeyRotationPredicate { MaxDays: null or >= 365 }, "KeyId", null,
            "https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-enable-key-rotation.html"),
    ];

    public static Runbook? For(string type, Predicate check) => All.FirstOrDefault(r => r.Type == type && r.Fixes(check));
}

/// <summary>A runbook: the parameter that takes the resource ID, and the one that takes the key's ARN (if it needs a key).</summary>
internal sealed record Runbook(string Document, string Type, Func<Predicate, bool> Fixes, string ResourceParameter, string? KeyParameter, string Source);
