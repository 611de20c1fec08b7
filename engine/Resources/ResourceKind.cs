namespace Sec08Policy.Engine.Resources;

public enum ResourceKind
{
    /// <summary>A type sec08 does not check; its rules are not applicable.</summary>
    Unsupported,
    S3Bucket,
    EbsVolume,
    EbsSnapshot,
    EbsEncryptionByDefault,
    RdsInstance,
    RdsCluster,
    RdsSnapshot,
    RdsClusterSnapshot,
    EfsFileSystem,
    DynamoDbTable,
    SqsQueue,
    SnsTopic,
    SecretsManagerSecret,
    KmsKey,
    KmsAlias,
    LogGroup,
    CloudTrailTrail,
}
