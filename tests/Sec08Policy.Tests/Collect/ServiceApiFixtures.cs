using System.Text.Json.Nodes;
using static Sec08Policy.Tests.Collect.ReplayFixtures;

namespace Sec08Policy.Tests.Collect;

/// <summary>
/// DAX clusters, FSx file systems, Glue security configurations and DLM policies in the replay account, in each API's
/// own shape: three of each in eu-west-1 (encrypted, not encrypted, and a third case), one of each in eu-north-1.
/// </summary>
internal static class ServiceApiFixtures
{
    /// <summary>The AWS managed key of FSx in eu-west-1 (alias <c>aws/fsx</c>).</summary>
    public static readonly string FsxKey = $"arn:aws:kms:eu-west-1:{Account}:key/kf";

    public static AwsReplayServer Server()
    {
        var server = ReplayFixtures.Server();
        var account = server.Accounts[MainKey];
        account.Keys.Add(new ReplayKey("kf", "eu-west-1", "AWS", true, null, ["alias/aws/fsx"], []));
        account.ApiResources.AddRange(
        [
            Cluster("eu-west-1", "orders-cache", "ENABLED") with { Tags = Tags("confidential") },
            Cluster("eu-west-1", "legacy-cache", "DISABLED"),
            Cluster("eu-west-1", "new-cache", "ENABLING"),
            Cluster("eu-north-1", "north-cache", "ENABLED"),
            FileSystem("eu-west-1", "fs-0aws", "LUSTRE", FsxKey, Tags("internal")),
            FileSystem("eu-west-1", "fs-0cmk", "WINDOWS", Cmk, Tags("confidential")),
            FileSystem("eu-west-1", "fs-0none", "OPENZFS", null, []),
            FileSystem("eu-north-1", "fs-0north", "ONTAP", null, []),
            SecurityConfiguration("eu-west-1", "all-kms", "SSE-KMS"),
            SecurityConfiguration("eu-west-1", "s3-off", "DISABLED"),
            SecurityConfiguration("eu-west-1", "s3-sse", "SSE-S3"),
            SecurityConfiguration("eu-north-1", "north-kms", "SSE-KMS"),
            Policy("eu-west-1", "policy-0aaa", encrypted: true, Tags("confidential")),
            Policy("eu-west-1", "policy-0bbb", encrypted: false, Tags("internal")),
            Policy("eu-west-1", "policy-0ccc", encrypted: null, []),
            Policy("eu-north-1", "policy-0ddd", encrypted: true, []),
        ]);
        return server;
    }

    public static ReplayApiResource Cluster(string region, string name, string status) => new("dax", region, new JsonObject
    {
        ["ClusterName"] = name,
        ["ClusterArn"] = $"arn:aws:dax:{region}:{Account}:cache/{name}",
        ["TotalNodes"] = 3,
        ["NodeType"] = "dax.r5.large",
        ["Status"] = "available",
        ["SSEDescription"] = new JsonObject { ["Status"] = status },
        ["ClusterEndpointEncryptionType"] = "TLS",
    });

    public static ReplayApiResource FileSystem(string region, string id, string type, string? key, Dictionary<string, string> tags)
    {
        var item = new JsonObject
        {
            ["OwnerId"] = Account,
            ["CreationTime"] = 1.7E9,
            ["FileSystemId"] = id,
            ["FileSystemType"] = type,
            ["Lifecycle"] = "AVAILABLE",
            ["StorageCapacity"] = 1200,
            ["ResourceARN"] = $"arn:aws:fsx:{region}:{Account}:file-system/{id}",
            ["Tags"] = CfnTags(tags),
        };
        if (key is not null)
        {
            item["KmsKeyId"] = key;
        }

        return new("fsx", region, item);
    }

    /// <summary>A security configuration whose S3 part has <paramref name="s3Mode"/>; its CloudWatch and bookmark parts use the CMK.</summary>
    public static ReplayApiResource SecurityConfiguration(string region, string name, string s3Mode)
    {
        var s3 = new JsonObject { ["S3EncryptionMode"] = s3Mode };
        if (s3Mode == "SSE-KMS")
        {
            s3["KmsKeyArn"] = Cmk;
        }

        return new("glue", region, new JsonObject
        {
            ["Name"] = name,
            ["CreatedTimeStamp"] = 1.7E9,
            ["EncryptionConfiguration"] = new JsonObject
            {
                ["S3Encryption"] = new JsonArray(s3),
                ["CloudWatchEncryption"] = new JsonObject { ["CloudWatchEncryptionMode"] = "SSE-KMS", ["KmsKeyArn"] = Cmk },
                ["JobBookmarksEncryption"] = new JsonObject { ["JobBookmarksEncryptionMode"] = "CSE-KMS", ["KmsKeyArn"] = Cmk },
            },
        });
    }

    /// <summary>A snapshot policy; with <paramref name="encrypted"/>, its schedule copies snapshots to eu-central-1, encrypted or not.</summary>
    public static ReplayApiResource Policy(string region, string id, bool? encrypted, Dictionary<string, string> tags)
    {
        var schedule = new JsonObject
        {
            ["Name"] = "daily",
            ["CreateRule"] = new JsonObject { ["Interval"] = 24, ["IntervalUnit"] = "HOURS", ["Times"] = new JsonArray("03:00") },
            ["RetainRule"] = new JsonObject { ["Count"] = 7 },
        };
        if (encrypted is { } copyEncrypted)
        {
            var rule = new JsonObject { ["Target"] = "eu-central-1", ["Encrypted"] = copyEncrypted };
            if (copyEncrypted)
            {
                rule["CmkArn"] = $"arn:aws:kms:eu-central-1:{Account}:key/central";
            }

            schedule["CrossRegionCopyRules"] = new JsonArray(rule);
        }

        var tagMap = new JsonObject();
        foreach (var (key, value) in tags)
        {
            tagMap[key] = value;
        }

        return new("dlm", region, new JsonObject
        {
            ["PolicyId"] = id,
            ["Description"] = "daily snapshots",
            ["State"] = "ENABLED",
            ["ExecutionRoleArn"] = $"arn:aws:iam::{Account}:role/AWSDataLifecycleManagerDefaultRole",
            ["DateCreated"] = "2026-01-01T00:00:00Z",
            ["PolicyArn"] = $"arn:aws:dlm:{region}:{Account}:policy/{id}",
            ["PolicyDetails"] = new JsonObject
            {
                ["PolicyType"] = "EBS_SNAPSHOT_MANAGEMENT",
                ["ResourceTypes"] = new JsonArray("VOLUME"),
                ["TargetTags"] = new JsonArray(new JsonObject { ["Key"] = "backup", ["Value"] = "daily" }),
                ["Schedules"] = new JsonArray(schedule),
            },
            ["Tags"] = tagMap,
        });
    }
}
