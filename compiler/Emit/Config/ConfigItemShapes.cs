using System.Collections.Immutable;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Compiler.Emit.Config;

/// <summary>
/// What a configuration item of each resource type says about the facts sec08 checks: whether AWS Config records the
/// type, and where its encryption and key are, with the exact casing Config uses (aws-facts-2 §A, the Config resource
/// schema). These are the same properties <c>ConfigItemAdapter</c> reads; this table is the one place the Config rule
/// generator takes them from, so that it can move to the resource catalogue as a whole.
/// </summary>
internal static class ConfigItemShapes
{
    private static readonly ItemPath KeyManager = ItemPath.Parse("configuration.keyManager");
    private static readonly ItemPath KeyRotation = ItemPath.Parse("supplementaryConfiguration.KeyRotationStatus");

    private static readonly ImmutableArray<ConfigItemShape> s_shapes =
    [
        new(ResourceKind.S3Bucket, "AWS::S3::Bucket", named =>
        [
            Dimensions.Values(ItemPath.Parse("supplementaryConfiguration.ServerSideEncryptionConfiguration.rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"), [["aws:kms", "aws:kms:dsse"]], "AES256"),
            Dimensions.Key(ItemPath.Parse("supplementaryConfiguration.ServerSideEncryptionConfiguration.rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyID"), "alias/aws/s3", named),
        ]),
        new(ResourceKind.EbsVolume, "AWS::EC2::Volume", named => Flagged(named, "alias/aws/ebs", "configuration.kmsKeyId", "configuration.encrypted")),
        new(ResourceKind.RdsInstance, "AWS::RDS::DBInstance", named => Flagged(named, "alias/aws/rds", "configuration.kmsKeyId", "configuration.storageEncrypted")),
        new(ResourceKind.RdsCluster, "AWS::RDS::DBCluster", named => Flagged(named, "alias/aws/rds", "configuration.kmsKeyId", "configuration.storageEncrypted")),
        new(ResourceKind.RdsSnapshot, "AWS::RDS::DBSnapshot", named => Flagged(named, "alias/aws/rds", "configuration.kmsKeyId", "configuration.encrypted", "configuration.storageEncrypted")),
        new(ResourceKind.RdsClusterSnapshot, "AWS::RDS::DBClusterSnapshot", named => Flagged(named, "alias/aws/rds", "configuration.kmsKeyId", "configuration.encrypted", "configuration.storageEncrypted")),
        new(ResourceKind.EfsFileSystem, "AWS::EFS::FileSystem", named => Flagged(named, "alias/aws/elasticfilesystem", "configuration.KmsKeyId", "configuration.Encrypted")),
        new(ResourceKind.DynamoDbTable, "AWS::DynamoDB::Table", named =>
        [
            Dimensions.Values(ItemPath.Parse("configuration.ssedescription.status"), [["ENABLED", "ENABLING", "UPDATING"]], null),
            Dimensions.Key(ItemPath.Parse("configuration.ssedescription.kmsmasterKeyArn"), "alias/aws/dynamodb", named),
        ]),
        new(ResourceKind.SqsQueue, "AWS::SQS::Queue", named =>
        [
            Dimensions.Key(ItemPath.Parse("configuration.KmsMasterKeyId"), "alias/aws/sqs", named),
            Dimensions.TrueOrNot(ItemPath.Parse("configuration.SqsManagedSseEnabled")),
        ]),
        new(ResourceKind.SnsTopic, "AWS::SNS::Topic", named => [Dimensions.Key(ItemPath.Parse("configuration.KmsMasterKeyId"), "alias/aws/sns", named)]),
        new(ResourceKind.SecretsManagerSecret, "AWS::SecretsManager::Secret", named => [Dimensions.Key(ItemPath.Parse("configuration.KMSKeyId"), "alias/aws/secretsmanager", named)]),
        new(ResourceKind.CloudTrailTrail, "AWS::CloudTrail::Trail", named => [Dimensions.Key(ItemPath.Parse("configuration.kmsKeyId"), "alias/aws/cloudtrail", named)]),
        new(ResourceKind.KmsKey, "AWS::KMS::Key", _ =>
        [
            Dimensions.Values(KeyManager, [["CUSTOMER"], ["AWS"]], null),
            Dimensions.Flag(KeyRotation),
        ]),
        new(ResourceKind.KmsAlias, "AWS::KMS::Alias", _ => []),
    ];

    private static readonly ImmutableDictionary<ResourceKind, ConfigItemShape> s_byKind = s_shapes.ToImmutableDictionary(s => s.Kind);

    /// <summary>
    /// Types AWS Config does not record, so no Config rule can see them: CloudWatch Logs log groups (aws-facts-2 §A.0),
    /// EBS snapshots and the account's EBS encryption-by-default setting (not Config resource types).
    /// </summary>
    public static ImmutableDictionary<ResourceKind, string> NotRecorded { get; } = new Dictionary<ResourceKind, string>
    {
        [ResourceKind.LogGroup] = "AWS::Logs::LogGroup",
        [ResourceKind.EbsSnapshot] = "AWS::EC2::Snapshot",
        [ResourceKind.EbsEncryptionByDefault] = "AWS::EC2::EBSEncryptionByDefault",
    }.ToImmutableDictionary();

    /// <summary>A kind's AWS type name, recorded or not.</summary>
    public static string AwsType(ResourceKind kind) => For(kind)?.AwsType ?? NotRecorded.GetValueOrDefault(kind) ?? kind.ToString();

    /// <summary>The shape of a kind's items, or null when Config does not record the kind.</summary>
    public static ConfigItemShape? For(ResourceKind kind) => s_byKind.GetValueOrDefault(kind);

    private static ImmutableArray<ItemDimension> Flagged(string? named, string awsManagedAlias, string key, params string[] flags) =>
        [Dimensions.Flag([.. flags.Select(ItemPath.Parse)]), Dimensions.Key(ItemPath.Parse(key), awsManagedAlias, named)];
}

/// <summary>A resource type as AWS Config records it, and the dimensions its items differ in for a rule naming <c>named</c>.</summary>
internal sealed record ConfigItemShape(ResourceKind Kind, string AwsType, Func<string?, ImmutableArray<ItemDimension>> Dimensions);
