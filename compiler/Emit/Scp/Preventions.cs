using System.Collections.Immutable;
using Sec08Policy.Compiler.Emit.Json;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Emit.Scp;

/// <summary>
/// The creation-time controls AWS offers per service (aws-facts 4.0-4.5). Where the Service Authorization Reference
/// lists no encryption condition key, the requirement is detective only, and the build says so (SP3006).
/// </summary>
internal static class Preventions
{
    private const int DefaultRotationDays = 365;

    private static ImmutableArray<string> CreateActions(string service) =>
        DataServices.Find(service)?.CreateActions ?? throw new ArgumentOutOfRangeException(nameof(service), service, "not a data service");

    public static Prevention For(AssertionKind kind, string service, int? rotationDays, IReadOnlyList<string> values) => kind switch
    {
        AssertionKind.Encrypted => Encrypted(service),
        AssertionKind.EncryptedWithCustomerManagedKey => CustomerManaged(service),
        AssertionKind.EncryptedWithKey => CustomerManaged(service),
        AssertionKind.KeyRotation => Rotation(service, rotationDays),
        AssertionKind.Regions => Prevention.Deny(new DenyPattern("Region", CreateActions(service), "*",
            Block(("StringNotEquals", "aws:RequestedRegion", values)))),
        AssertionKind.Tags => new Prevention(
            [.. values.Select(tag => new DenyPattern("Tag" + SidNames.Pascal(tag), CreateActions(service), "*", Block(("Null", $"aws:RequestTag/{tag}", ["true"]))))],
            null),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unexpected assertion"),
    };

    private static Prevention Encrypted(string service) => service switch
    {
        "s3" => Prevention.Detective("S3 encrypts every new object (SSE-S3 at least) since 2023-01-05, so unencrypted writes cannot happen"),
        "ebs" => Prevention.Deny(
            new DenyPattern("Unencrypted", ["ec2:CreateVolume"], "*", Block(("Bool", "ec2:Encrypted", ["false"]))),
            new DenyPattern("UnencryptedAtLaunch", ["ec2:RunInstances"], "arn:aws:ec2:*:*:volume/*", Block(("Bool", "ec2:Encrypted", ["false"]))),
            new DenyPattern("DefaultOff", ["ec2:DisableEbsEncryptionByDefault"], "*", ConditionBlock.Empty, Unscoped: true)),
        "rds" => Prevention.Deny(
            new DenyPattern("Unencrypted", ["rds:CreateDBCluster", "rds:RestoreDBClusterFromS3"], "*", Block(("Bool", "rds:StorageEncrypted", ["false"]))))
            with { Gap = "DB instances: `rds:CreateDBInstance` does not carry `rds:StorageEncrypted` reliably, so instances are checked by detection" },
        "efs" => Prevention.Deny(
            new DenyPattern("Unencrypted", ["elasticfilesystem:CreateFileSystem"], "*", Block(("Bool", "elasticfilesystem:Encrypted", ["false"])))),
        "elasticache" => Prevention.Deny(
            new DenyPattern("Unencrypted", ["elasticache:CreateReplicationGroup"], "*", Block(("Bool", "elasticache:AtRestEncryptionEnabled", ["false"]))))
            with { Gap = "single-node clusters: `elasticache:CreateCacheCluster` has no encryption condition key, so they are checked by detection" },
        "kinesis" => Prevention.Deny(
            new DenyPattern("StopEncryption", ["kinesis:StopStreamEncryption"], "*", ConditionBlock.Empty, Unscoped: true))
            with { Gap = "new streams: `kinesis:CreateStream` has no encryption condition key, so only turning encryption off is denied" },
        "dynamodb" or "secretsmanager" or "lambda" or "backup" or "redshift" =>
            Prevention.Detective("the service always encrypts at rest"),
        _ => Prevention.Detective("the service has no creation-time encryption condition key"),
    };

    private static Prevention CustomerManaged(string service) => service switch
    {
        // IfExists: a request without the header falls back to the bucket default, which detection checks.
        "s3" => new Prevention(
            [new DenyPattern("NotKms", ["s3:PutObject"], "*", Block(("StringNotEqualsIfExists", "s3:x-amz-server-side-encryption", ["aws:kms", "aws:kms:dsse"])))],
            null,
            ScopedByClassification: false),
        "secretsmanager" => Prevention.Deny(
            new DenyPattern("AwsManagedKey", ["secretsmanager:CreateSecret"], "*", Block(("Null", "secretsmanager:KmsKeyArn", ["true"])))),
        "elasticache" => Prevention.Deny(
            new DenyPattern("AwsManagedKey", ["elasticache:CreateReplicationGroup"], "*", Block(("Null", "elasticache:KmsKeyId", ["true"])))),
        "ebs" => Prevention.Detective("a volume created under the account's default key carries no key in the request"),
        _ => Prevention.Detective("the service has no creation-time condition key for the KMS key"),
    };

    private static Prevention Rotation(string service, int? days)
    {
        if (service != "kms")
        {
            return Prevention.Detective("rotation is a property of the key, not of the resource's create request");
        }

        var patterns = new List<DenyPattern>
        {
            new("DisableRotation", ["kms:DisableKeyRotation"], "*", ConditionBlock.Empty, Unscoped: true),
        };
        if (days is { } max)
        {
            patterns.Add(new DenyPattern("LongRotation", ["kms:EnableKeyRotation"], "*",
                Block(("NumericGreaterThan", "kms:RotationPeriodInDays", [max.ToString(System.Globalization.CultureInfo.InvariantCulture)])), Unscoped: true));
            if (max < DefaultRotationDays)
            {
                // Without a period EnableKeyRotation rotates every 365 days, longer than allowed.
                patterns.Add(new DenyPattern("DefaultRotation", ["kms:EnableKeyRotation"], "*",
                    Block(("Null", "kms:RotationPeriodInDays", ["true"])), Unscoped: true));
            }
        }

        return new Prevention([.. patterns], null);
    }

    private static ConditionBlock Block(params (string Op, string Key, IReadOnlyList<string> Values)[] entries) =>
        entries.Aggregate(ConditionBlock.Empty, (block, e) => block.With(e.Op, e.Key, ValueList.Of(e.Values)));
}
