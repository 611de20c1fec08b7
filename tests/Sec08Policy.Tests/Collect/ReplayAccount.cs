namespace Sec08Policy.Tests.Collect;

/// <summary>What one fake account holds, per Region, for the replay server to answer with.</summary>
internal sealed class ReplayAccount(string id)
{
    public string Id { get; } = id;

    public List<ReplayBucket> Buckets { get; } = [];

    public List<ReplayKey> Keys { get; } = [];

    public List<ReplayVolume> Volumes { get; } = [];

    public List<ReplayTable> Tables { get; } = [];

    public List<ReplayQueue> Queues { get; } = [];

    public bool EbsEncryptionByDefault { get; set; } = true;

    /// <summary>Operations ("ec2:DescribeSnapshots", "kms:ListKeys", ...) the account's policy denies the collector.</summary>
    public HashSet<string> Denied { get; } = [];

    /// <summary>What Cloud Control lists and describes, per Region and type.</summary>
    public List<ReplayCloudResource> CloudResources { get; } = [];

    /// <summary>What AWS Config has recorded, per Region: configuration items as advanced queries return them.</summary>
    public List<ReplayConfigItem> ConfigItems { get; } = [];

    /// <summary>What the DAX, FSx, Glue and DLM APIs describe, per service and Region.</summary>
    public List<ReplayApiResource> ApiResources { get; } = [];
}

/// <summary>
/// A resource as its service's API describes it (<paramref name="Service"/> is <c>dax</c>, <c>fsx</c>, <c>glue</c> or
/// <c>dlm</c>): a DAX cluster, an FSx file system, a Glue security configuration or a DLM policy, in the API's shape.
/// </summary>
internal sealed record ReplayApiResource(string Service, string Region, System.Text.Json.Nodes.JsonObject Item)
{
    /// <summary>The tags DAX's ListTags answers with (the other services carry theirs in the item).</summary>
    public Dictionary<string, string> Tags { get; init; } = [];
}

/// <summary>A request as the replay server received it.</summary>
internal sealed record ReplayRequest(string Method, string Path, string? Target, string? ContentType, string SigningService, string Region);

/// <summary>A bucket; a null <paramref name="Algorithm"/> has no default encryption configuration (GetBucketEncryption answers 404).</summary>
internal sealed record ReplayBucket(string Name, string Region, string? Algorithm, string? KeyId, Dictionary<string, string> Tags)
{
    /// <summary>Answer GetBucketEncryption with AccessDenied, as for a bucket whose policy denies the collector.</summary>
    public bool DenyEncryption { get; init; }

    /// <summary>Listed, then deleted: GetBucketEncryption answers 404 NoSuchBucket.</summary>
    public bool Gone { get; init; }
}

internal sealed record ReplayKey(string KeyId, string Region, string Manager, bool Rotation, int? Period, string[] Aliases, Dictionary<string, string> Tags);

internal sealed record ReplayVolume(string VolumeId, string Region, bool Encrypted, string? KeyId, Dictionary<string, string> Tags);

internal sealed record ReplayTable(string Name, string Region, string? KmsKeyArn, Dictionary<string, string> Tags)
{
    /// <summary>Answer DescribeTable with a body that is not JSON.</summary>
    public bool Malformed { get; init; }
}

internal sealed record ReplayQueue(string Name, string Region, string? KmsKeyId, bool SqsManaged, Dictionary<string, string> Tags);

/// <summary>
/// A resource as Cloud Control describes it: its type, Region, primary identifier and CloudFormation-shaped properties.
/// </summary>
internal sealed record ReplayCloudResource(string TypeName, string Region, string Identifier, System.Text.Json.Nodes.JsonObject Properties)
{
    /// <summary>Answer GetResource with a body that is not JSON.</summary>
    public bool Malformed { get; init; }
}

/// <summary>A configuration item in the shape an advanced query returns it (the fields selected are kept).</summary>
internal sealed record ReplayConfigItem(string Region, System.Text.Json.Nodes.JsonObject Item)
{
    public string ResourceType => Item["resourceType"]!.GetValue<string>();

    /// <summary>Return this result as text that is not JSON.</summary>
    public bool Malformed { get; init; }
}
