using System.Text.Json.Nodes;
using Amazon.Runtime;
using Sec08Policy.Cli;
using Sec08Policy.Collector;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Tests.Collect;

/// <summary>
/// The accounts the replay tests collect from: a main account with every kind of resource in eu-west-1 (a few in
/// eu-north-1), read through the SDK clients, Cloud Control and Config, and a second account reached by assuming a
/// role; both covered by the Config aggregator <c>org</c>, owned by the main account.
/// </summary>
internal static class ReplayFixtures
{
    public const string Account = "111122223333";
    public const string Other = "444455556666";
    public const string Aggregator = "org";
    public const string MainKey = "AKIDREPLAYMAIN";

    public static readonly BasicAWSCredentials Credentials = new(MainKey, AwsReplayServer.Secret);

    public static readonly string Cmk = $"arn:aws:kms:eu-west-1:{Account}:key/k1";

    public static Dictionary<string, string> Tags(string level, string team = "payments") => new() { ["DataClassification"] = level, ["team"] = team };

    public static AwsReplayServer Server()
    {
        var server = new AwsReplayServer();
        var account = new ReplayAccount(Account);
        account.Keys.AddRange(
        [
            new ReplayKey("k1", "eu-west-1", "CUSTOMER", true, 180, ["alias/acme/confidential"], Tags("confidential")),
            new ReplayKey("k2", "eu-west-1", "CUSTOMER", false, null, ["alias/acme/legacy"], Tags("internal")),
            new ReplayKey("k3", "eu-west-1", "AWS", true, null, ["alias/aws/s3"], []),
            new ReplayKey("k4", "eu-west-1", "CUSTOMER", true, 365, [], Tags("internal")),
            new ReplayKey("k5", "eu-west-1", "CUSTOMER", true, 90, [], Tags("restricted")),
            new ReplayKey("k9", "eu-north-1", "CUSTOMER", true, 365, [], Tags("internal")),
        ]);
        account.Buckets.AddRange(
        [
            new ReplayBucket("acme-cmk", "eu-west-1", "aws:kms", Cmk, Tags("confidential")),
            new ReplayBucket("acme-default", "eu-west-1", "AES256", null, []),
            new ReplayBucket("acme-denied", "eu-west-1", "aws:kms", Cmk, Tags("restricted")) { DenyEncryption = true },
        ]);
        account.Volumes.AddRange(
        [
            new ReplayVolume("vol-1", "eu-west-1", true, Cmk, Tags("confidential")),
            new ReplayVolume("vol-2", "eu-west-1", false, null, Tags("internal")),
            new ReplayVolume("vol-3", "eu-west-1", true, $"arn:aws:kms:eu-west-1:{Account}:key/k2", Tags("internal")),
        ]);
        account.Tables.Add(new ReplayTable("orders", "eu-west-1", Cmk, Tags("confidential")));
        account.Tables.Add(new ReplayTable("broken", "eu-west-1", null, Tags("internal")) { Malformed = true });
        account.Queues.Add(new ReplayQueue("events", "eu-west-1", null, true, Tags("internal")));
        account.Queues.Add(new ReplayQueue("payments", "eu-west-1", "alias/acme/confidential", false, Tags("confidential")));
        account.CloudResources.AddRange(
        [
            Database(Account, "eu-west-1", "orders-db", encrypted: true, Cmk, Tags("confidential")),
            Database(Account, "eu-west-1", "legacy-db", encrypted: false, null, Tags("internal")),
            Database(Account, "eu-west-1", "reports-db", encrypted: true, null, Tags("internal")),
            new ReplayCloudResource("AWS::EFS::FileSystem", "eu-west-1", "fs-0123", new JsonObject
            {
                ["FileSystemId"] = "fs-0123",
                ["Arn"] = $"arn:aws:elasticfilesystem:eu-west-1:{Account}:file-system/fs-0123",
                ["Encrypted"] = true,
                ["FileSystemTags"] = CfnTags(Tags("internal")),
            }),
            new ReplayCloudResource("AWS::SNS::Topic", "eu-west-1", $"arn:aws:sns:eu-west-1:{Account}:alerts", new JsonObject
            {
                ["TopicArn"] = $"arn:aws:sns:eu-west-1:{Account}:alerts",
                ["TopicName"] = "alerts",
                ["Tags"] = CfnTags(Tags("internal")),
            }),
            new ReplayCloudResource("AWS::SecretsManager::Secret", "eu-west-1", $"arn:aws:secretsmanager:eu-west-1:{Account}:secret:db-AbCdEf", new JsonObject
            {
                ["Id"] = $"arn:aws:secretsmanager:eu-west-1:{Account}:secret:db-AbCdEf",
                ["Name"] = "db",
                ["KmsKeyId"] = "alias/acme/confidential",
                ["Tags"] = CfnTags(Tags("confidential")),
            }),
        ]);
        account.ConfigItems.AddRange(
        [
            Snapshot(Account, "eu-west-1", "orders-snap", encrypted: true, Cmk, Tags("confidential")),
            Snapshot(Account, "eu-west-1", "legacy-snap", encrypted: false, null, Tags("internal")),
            Snapshot(Account, "eu-west-1", "weekly-snap", encrypted: true, Cmk, Tags("confidential")),
        ]);
        server.Accounts[MainKey] = account;

        var other = new ReplayAccount(Other);
        other.Volumes.Add(new ReplayVolume("vol-9", "eu-west-1", false, null, Tags("restricted")));
        server.Accounts["ASIAREPLAYOTHER"] = other;
        server.Roles[$"arn:aws:iam::{Other}:role/Sec08Reader"] = "ASIAREPLAYOTHER";
        server.Roles[$"arn:aws:iam::{Account}:role/Sec08Reader"] = MainKey;
        return server;
    }

    /// <summary>The aggregator <c>org</c> over both accounts, each with what Config recorded in two Regions.</summary>
    public static AwsReplayServer Organization()
    {
        var server = Server();
        var main = server.Accounts[MainKey];
        var other = server.Accounts["ASIAREPLAYOTHER"];
        var otherCmk = $"arn:aws:kms:eu-north-1:{Other}:key/o1";
        main.ConfigItems.AddRange(
        [
            Key(Account, "eu-west-1", "k1", "CUSTOMER", rotation: true),
            Key(Account, "eu-west-1", "k3", "AWS", rotation: true),
            Bucket(Account, "acme-cmk", "eu-west-1", "aws:kms", Cmk, Tags("confidential")),
            Bucket(Account, "acme-default", "eu-west-1", "AES256", null, []),
            Volume(Account, "eu-west-1", "vol-1", encrypted: true, Cmk, Tags("confidential")),
            Volume(Account, "eu-north-1", "vol-7", encrypted: false, null, Tags("internal")),
        ]);
        other.ConfigItems.AddRange(
        [
            Key(Other, "eu-north-1", "o1", "CUSTOMER", rotation: false),
            Volume(Other, "eu-west-1", "vol-9", encrypted: false, null, Tags("restricted")),
            Volume(Other, "eu-north-1", "vol-8", encrypted: true, "o1", Tags("confidential")),
            Bucket(Other, "other-logs", "eu-north-1", "aws:kms", otherCmk, Tags("internal")),
            Snapshot(Other, "eu-north-1", "other-snap", encrypted: true, otherCmk, Tags("internal")),
        ]);
        server.Aggregators[Aggregator] = (Account, [Account, Other]);
        return server;
    }

    public static CollectOptions Options(AwsReplayServer server, params string[] regions) => new()
    {
        Regions = regions,
        EndpointUrl = server.Endpoint,
        Credentials = Credentials,
        CallTimeout = TimeSpan.FromSeconds(2),
        MaxRetries = 2,
    };

    /// <summary>The command line's context with the replay account's credentials.</summary>
    public static CliContext Replay(CliContext context) => context with { AwsCredentials = Credentials };

    public static Resource Find(IEnumerable<Resource> resources, string idSuffix) => resources.Single(r => r.Id.EndsWith(idSuffix, StringComparison.Ordinal));

    public static ReplayCloudResource Database(string account, string region, string name, bool encrypted, string? key, Dictionary<string, string> tags)
    {
        var properties = new JsonObject
        {
            ["DBInstanceIdentifier"] = name,
            ["DBInstanceArn"] = $"arn:aws:rds:{region}:{account}:db:{name}",
            ["Engine"] = "postgres",
            ["StorageEncrypted"] = encrypted,
            ["Tags"] = CfnTags(tags),
        };
        if (key is not null)
        {
            properties["KmsKeyId"] = key;
        }

        return new ReplayCloudResource("AWS::RDS::DBInstance", region, name, properties);
    }

    public static JsonArray CfnTags(Dictionary<string, string> tags) =>
        [.. tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })];

    /// <summary>A configuration item's common fields, with tags as advanced queries list them.</summary>
    public static JsonObject Item(string account, string region, string type, string id, string? arn, JsonObject configuration, Dictionary<string, string> tags, JsonObject? supplementary = null) => new()
    {
        ["version"] = "1.3",
        ["accountId"] = account,
        ["configurationItemCaptureTime"] = "2026-11-27T08:00:00.000Z",
        ["configurationItemStatus"] = "OK",
        ["arn"] = arn,
        ["resourceType"] = type,
        ["resourceId"] = id,
        ["resourceName"] = id,
        ["awsRegion"] = region,
        ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value, ["tag"] = $"{t.Key}={t.Value}" })]),
        ["configuration"] = configuration,
        ["supplementaryConfiguration"] = supplementary ?? [],
    };

    public static ReplayConfigItem Snapshot(string account, string region, string name, bool encrypted, string? key, Dictionary<string, string> tags) =>
        new(region, Item(account, region, "AWS::RDS::DBSnapshot", name, $"arn:aws:rds:{region}:{account}:snapshot:{name}", new JsonObject
        {
            ["dBSnapshotIdentifier"] = name,
            ["encrypted"] = encrypted,
            ["kmsKeyId"] = key,
        }, tags));

    public static ReplayConfigItem Volume(string account, string region, string id, bool encrypted, string? key, Dictionary<string, string> tags) =>
        new(region, Item(account, region, "AWS::EC2::Volume", id, $"arn:aws:ec2:{region}:{account}:volume/{id}", new JsonObject
        {
            ["volumeId"] = id,
            ["encrypted"] = encrypted,
            ["kmsKeyId"] = key,
        }, tags));

    public static ReplayConfigItem Bucket(string account, string name, string region, string algorithm, string? key, Dictionary<string, string> tags)
    {
        var byDefault = new JsonObject { ["sseAlgorithm"] = algorithm };
        if (key is not null)
        {
            byDefault["kmsMasterKeyID"] = key;
        }

        return new(region, Item(account, region, "AWS::S3::Bucket", name, $"arn:aws:s3:::{name}", new JsonObject { ["name"] = name }, tags, new JsonObject
        {
            ["ServerSideEncryptionConfiguration"] = new JsonObject
            {
                ["rules"] = new JsonArray(new JsonObject { ["applyServerSideEncryptionByDefault"] = byDefault, ["bucketKeyEnabled"] = true }),
            },
        }));
    }

    public static ReplayConfigItem Key(string account, string region, string id, string manager, bool rotation) =>
        new(region, Item(account, region, "AWS::KMS::Key", id, $"arn:aws:kms:{region}:{account}:key/{id}", new JsonObject
        {
            ["keyId"] = id,
            ["arn"] = $"arn:aws:kms:{region}:{account}:key/{id}",
            ["keyManager"] = manager,
            ["keyState"] = "Enabled",
            ["multiRegion"] = false,
        }, [], new JsonObject { ["KeyRotationStatus"] = rotation }));

    public static ReplayConfigItem Alias(string account, string region, string name, string target) =>
        new(region, Item(account, region, "AWS::KMS::Alias", name, $"arn:aws:kms:{region}:{account}:{name}", new JsonObject
        {
            ["aliasName"] = name,
            ["targetKeyId"] = target,
        }, []));
}
