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
}

internal sealed record ReplayBucket(string Name, string Region, string Algorithm, string? KeyId, Dictionary<string, string> Tags)
{
    /// <summary>Answer GetBucketEncryption with AccessDenied, as for a bucket whose policy denies the collector.</summary>
    public bool DenyEncryption { get; init; }
}

internal sealed record ReplayKey(string KeyId, string Region, string Manager, bool Rotation, int? Period, string[] Aliases, Dictionary<string, string> Tags);

internal sealed record ReplayVolume(string VolumeId, string Region, bool Encrypted, string? KeyId, Dictionary<string, string> Tags);

internal sealed record ReplayTable(string Name, string Region, string? KmsKeyArn, Dictionary<string, string> Tags)
{
    /// <summary>Answer DescribeTable with a body that is not JSON.</summary>
    public bool Malformed { get; init; }
}

internal sealed record ReplayQueue(string Name, string Region, string? KmsKeyId, bool SqsManaged, Dictionary<string, string> Tags);
