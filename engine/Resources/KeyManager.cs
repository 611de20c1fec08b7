namespace Sec08Policy.Engine.Resources;

/// <summary>Who manages the key protecting data (aws-facts 3.4).</summary>
public enum KeyManager
{
    /// <summary>A customer managed KMS key.</summary>
    Customer,

    /// <summary>An AWS managed KMS key (<c>alias/aws/&lt;service&gt;</c>).</summary>
    AwsManaged,

    /// <summary>A key the service owns: SSE-S3, SSE-SQS, DynamoDB's default, CloudWatch Logs' default.</summary>
    AwsOwned,
}
