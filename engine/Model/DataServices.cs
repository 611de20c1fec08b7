using System.Collections.Frozen;

namespace Sec08Policy.Engine.Model;

/// <summary>The services requirements can be scoped to.</summary>
public static class DataServices
{
    public static IReadOnlyList<DataService> All { get; } =
    [
        new("s3", "s3", "Amazon S3", StoresData: true),
        new("ebs", "ec2", "Amazon EBS", StoresData: true),
        new("rds", "rds", "Amazon RDS", StoresData: true),
        new("efs", "elasticfilesystem", "Amazon EFS", StoresData: true),
        new("dynamodb", "dynamodb", "Amazon DynamoDB", StoresData: true),
        new("sqs", "sqs", "Amazon SQS", StoresData: true),
        new("sns", "sns", "Amazon SNS", StoresData: true),
        new("secretsmanager", "secretsmanager", "AWS Secrets Manager", StoresData: true),
        new("kms", "kms", "AWS KMS", StoresData: false),
        new("logs", "logs", "Amazon CloudWatch Logs", StoresData: true),
        new("cloudtrail", "cloudtrail", "AWS CloudTrail", StoresData: true),
        new("backup", "backup", "AWS Backup", StoresData: true),
        new("elasticache", "elasticache", "Amazon ElastiCache", StoresData: true),
        new("redshift", "redshift", "Amazon Redshift", StoresData: true),
        new("opensearch", "es", "Amazon OpenSearch Service", StoresData: true),
        new("kinesis", "kinesis", "Amazon Kinesis Data Streams", StoresData: true),
        new("lambda", "lambda", "AWS Lambda", StoresData: true),
    ];

    private static readonly FrozenDictionary<string, DataService> s_byName = All.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);

    public static DataService? Find(string name) => s_byName.GetValueOrDefault(name);
}
