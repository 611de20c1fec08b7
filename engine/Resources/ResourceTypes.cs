using System.Collections.Frozen;

namespace Sec08Policy.Engine.Resources;

/// <summary>The resource types sec08 knows, by their CloudFormation/Config name and Terraform name.</summary>
public static class ResourceTypes
{
    private sealed record Entry(ResourceKind Kind, string AwsType, string Service, string? TerraformType);

    private static readonly Entry[] s_entries =
    [
        new(ResourceKind.S3Bucket, "AWS::S3::Bucket", "s3", "aws_s3_bucket"),
        new(ResourceKind.EbsVolume, "AWS::EC2::Volume", "ebs", "aws_ebs_volume"),
        new(ResourceKind.EbsSnapshot, "AWS::EC2::Snapshot", "ebs", "aws_ebs_snapshot"),
        new(ResourceKind.EbsEncryptionByDefault, "AWS::EC2::EBSEncryptionByDefault", "ebs", "aws_ebs_encryption_by_default"),
        new(ResourceKind.RdsInstance, "AWS::RDS::DBInstance", "rds", "aws_db_instance"),
        new(ResourceKind.RdsCluster, "AWS::RDS::DBCluster", "rds", "aws_rds_cluster"),
        new(ResourceKind.RdsSnapshot, "AWS::RDS::DBSnapshot", "rds", "aws_db_snapshot"),
        new(ResourceKind.RdsClusterSnapshot, "AWS::RDS::DBClusterSnapshot", "rds", "aws_db_cluster_snapshot"),
        new(ResourceKind.EfsFileSystem, "AWS::EFS::FileSystem", "efs", "aws_efs_file_system"),
        new(ResourceKind.DynamoDbTable, "AWS::DynamoDB::Table", "dynamodb", "aws_dynamodb_table"),
        new(ResourceKind.SqsQueue, "AWS::SQS::Queue", "sqs", "aws_sqs_queue"),
        new(ResourceKind.SnsTopic, "AWS::SNS::Topic", "sns", "aws_sns_topic"),
        new(ResourceKind.SecretsManagerSecret, "AWS::SecretsManager::Secret", "secretsmanager", "aws_secretsmanager_secret"),
        new(ResourceKind.KmsKey, "AWS::KMS::Key", "kms", "aws_kms_key"),
        new(ResourceKind.KmsAlias, "AWS::KMS::Alias", "kms", "aws_kms_alias"),
        new(ResourceKind.LogGroup, "AWS::Logs::LogGroup", "logs", "aws_cloudwatch_log_group"),
        new(ResourceKind.CloudTrailTrail, "AWS::CloudTrail::Trail", "cloudtrail", "aws_cloudtrail"),
    ];

    private static readonly FrozenDictionary<string, Entry> s_byAwsType = s_entries.ToFrozenDictionary(e => e.AwsType, StringComparer.OrdinalIgnoreCase);
    private static readonly FrozenDictionary<string, Entry> s_byTerraformType = s_entries.Where(e => e.TerraformType is not null).ToFrozenDictionary(e => e.TerraformType!, StringComparer.Ordinal);
    private static readonly FrozenDictionary<ResourceKind, Entry> s_byKind = s_entries.ToFrozenDictionary(e => e.Kind);

    public static ResourceKind FromAwsType(string type) => s_byAwsType.TryGetValue(type, out var e) ? e.Kind : ResourceKind.Unsupported;

    public static string? AwsTypeFromTerraform(string type) => s_byTerraformType.TryGetValue(type, out var e) ? e.AwsType : null;

    /// <summary>The policy's service name (<c>s3</c>, <c>ebs</c>, ...) for a kind; null for unsupported types.</summary>
    public static string? Service(ResourceKind kind) => s_byKind.TryGetValue(kind, out var e) ? e.Service : null;

    /// <summary>Kinds that hold data and so have an encryption state.</summary>
    public static bool StoresData(ResourceKind kind) =>
        kind is not (ResourceKind.Unsupported or ResourceKind.KmsKey or ResourceKind.KmsAlias or ResourceKind.EbsEncryptionByDefault);
}
