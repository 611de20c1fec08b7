using System.Collections.Frozen;

namespace Sec08Policy.Engine.Model;

/// <summary>The services requirements can be scoped to.</summary>
public static class DataServices
{
    public static IReadOnlyList<DataService> All { get; } =
    [
        new("s3", "s3", StoresData: true, CreateActions: ["s3:CreateBucket"]),
        new("ebs", "ec2", StoresData: true, CreateActions: ["ec2:CreateVolume"]),
        new("rds", "rds", StoresData: true, CreateActions: ["rds:CreateDBCluster", "rds:CreateDBInstance"]),
        new("efs", "elasticfilesystem", StoresData: true, CreateActions: ["elasticfilesystem:CreateFileSystem"]),
        new("dynamodb", "dynamodb", StoresData: true, CreateActions: ["dynamodb:CreateTable"]),
        new("sqs", "sqs", StoresData: true, CreateActions: ["sqs:CreateQueue"]),
        new("sns", "sns", StoresData: true, CreateActions: ["sns:CreateTopic"]),
        new("secretsmanager", "secretsmanager", StoresData: true, CreateActions: ["secretsmanager:CreateSecret"]),
        new("kms", "kms", StoresData: false, CreateActions: ["kms:CreateKey"]),
        new("logs", "logs", StoresData: true, CreateActions: ["logs:CreateLogGroup"]),
        new("cloudtrail", "cloudtrail", StoresData: true, CreateActions: ["cloudtrail:CreateTrail"]),
        new("backup", "backup", StoresData: true, CreateActions: ["backup:CreateBackupVault"]),
        new("elasticache", "elasticache", StoresData: true, CreateActions: ["elasticache:CreateCacheCluster", "elasticache:CreateReplicationGroup"]),
        new("redshift", "redshift", StoresData: true, CreateActions: ["redshift:CreateCluster"]),
        new("opensearch", "es", StoresData: true, CreateActions: ["es:CreateDomain"]),
        new("kinesis", "kinesis", StoresData: true, CreateActions: ["kinesis:CreateStream"]),
        new("lambda", "lambda", StoresData: true, CreateActions: ["lambda:CreateFunction"]),
    ];

    private static readonly FrozenDictionary<string, DataService> s_byName = All.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);

    public static DataService? Find(string name) => s_byName.GetValueOrDefault(name);
}
