using System.Collections.Immutable;
using System.Text;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Config;

/// <summary>
/// Reads AWS Config configuration items in both shapes: the API form (<c>arn</c>, <c>accountId</c>, configuration
/// as a JSON string) and the notification form (<c>ARN</c>, <c>awsAccountId</c>, configuration as an object).
/// Property names are matched ignoring case, because Config's casing varies by type.
/// </summary>
public static class ConfigItemAdapter
{
    private const string NotRecorded = "AWS Config does not record it";

    public static bool IsItem(MappingNode node) => node.Get("resourceType", ignoreCase: true) is ScalarNode;

    /// <summary>The resource an item describes, or null for a deleted or unrecorded resource.</summary>
    public static Resource? Read(MappingNode item)
    {
        var type = Text(item, "resourceType") ?? throw Problem(item, "a configuration item needs `resourceType`");
        var status = Text(item, "configurationItemStatus");
        if (status is "ResourceDeleted" or "ResourceDeletedNotRecorded" or "ResourceNotRecorded")
        {
            return null;
        }

        var kind = ResourceTypes.FromAwsType(type);
        var configuration = Embedded(item, item.Get("configuration", ignoreCase: true)) as MappingNode;
        var supplementary = item.Get("supplementaryConfiguration", ignoreCase: true) as MappingNode;
        InputNode? Supplement(string name) => supplementary?.Get(name, ignoreCase: true) is { } s ? Embedded(item, s) : null;

        var arn = Text(item, "arn") ?? Text(item, "ARN");
        var resource = new Resource
        {
            Type = type,
            Kind = kind,
            Id = arn ?? Text(item, "resourceId") ?? Text(item, "resourceName") ?? throw Problem(item, "a configuration item needs `arn` or `resourceId`"),
            Position = item.Position,
            Arn = Fact<string?>.Known(arn),
            Account = Fact<string?>.Known(Text(item, "accountId") ?? Text(item, "awsAccountId")),
            Region = Fact<string?>.Known(Text(item, "awsRegion")),
            Tags = Tags(item.Get("tags", ignoreCase: true)),
        };

        string? C(params string[] path) => Path(configuration, path);
        Fact<string?> KeyRef(string property) => Fact<string?>.Known(NullIfEmpty(C(property)));

        return kind switch
        {
            ResourceKind.S3Bucket => resource with { Encryption = S3Encryption(Supplement("ServerSideEncryptionConfiguration")) },
            ResourceKind.EbsVolume or ResourceKind.EbsSnapshot => resource with { Encryption = Flagged(C("encrypted"), KeyRef("kmsKeyId"), "alias/aws/ebs") },
            ResourceKind.RdsInstance or ResourceKind.RdsCluster => resource with { Encryption = Flagged(C("storageEncrypted"), KeyRef("kmsKeyId"), "alias/aws/rds") },
            ResourceKind.RdsSnapshot or ResourceKind.RdsClusterSnapshot => resource with
            {
                Encryption = Flagged(C("encrypted") ?? C("storageEncrypted"), KeyRef("kmsKeyId"), "alias/aws/rds"),
            },
            ResourceKind.EfsFileSystem => resource with { Encryption = Flagged(C("Encrypted"), KeyRef("KmsKeyId"), "alias/aws/elasticfilesystem") },
            ResourceKind.DynamoDbTable => resource with
            {
                Encryption = Path(configuration, "ssedescription", "status") is "ENABLED" or "ENABLING" or "UPDATING"
                    ? EncryptionState.Kms(Fact<string?>.Known(NullIfEmpty(Path(configuration, "ssedescription", "kmsmasterKeyArn"))), "aws:kms", "alias/aws/dynamodb")
                    : EncryptionState.ServiceOwned("AES256"),
            },
            ResourceKind.SqsQueue => resource with
            {
                Encryption = NullIfEmpty(C("KmsMasterKeyId")) is { } queueKey
                    ? EncryptionState.Kms(Fact<string?>.Known(queueKey), "aws:kms", "alias/aws/sqs")
                    : string.Equals(C("SqsManagedSseEnabled"), "true", StringComparison.OrdinalIgnoreCase)
                        ? EncryptionState.ServiceOwned("SSE-SQS")
                        : EncryptionState.Unencrypted,
            },
            ResourceKind.SnsTopic => resource with
            {
                Encryption = NullIfEmpty(C("KmsMasterKeyId")) is { } topicKey ? EncryptionState.Kms(Fact<string?>.Known(topicKey), "aws:kms", "alias/aws/sns") : EncryptionState.Unencrypted,
            },
            ResourceKind.SecretsManagerSecret => resource with { Encryption = EncryptionState.Kms(KeyRef("KMSKeyId"), "aws:kms", "alias/aws/secretsmanager") },
            ResourceKind.LogGroup => resource with
            {
                Encryption = NullIfEmpty(C("kmsKeyId")) is { } logKey ? EncryptionState.Kms(Fact<string?>.Known(logKey)) : EncryptionState.ServiceOwned("AES256"),
            },
            ResourceKind.CloudTrailTrail => resource with
            {
                Encryption = NullIfEmpty(C("kmsKeyId")) is { } trailKey ? EncryptionState.Kms(Fact<string?>.Known(trailKey)) : EncryptionState.ServiceOwned("AES256"),
            },
            ResourceKind.KmsKey => resource with { Key = KeyFacts(configuration, Supplement("KeyRotationStatus")) },
            ResourceKind.KmsAlias => resource with
            {
                Alias = new AliasFacts(C("aliasName") ?? Text(item, "resourceName") ?? string.Empty, Fact<string?>.Known(C("targetKeyId"))),
            },
            _ => resource,
        };
    }

    private static EncryptionState S3Encryption(InputNode? configuration)
    {
        // Every bucket has SSE-S3 at least since 2023-01-05; Config reports it, but older items may omit it.
        var rule = ((configuration as MappingNode)?.Get("rules", ignoreCase: true) as SequenceNode)?.Items.FirstOrDefault() as MappingNode;
        var byDefault = rule?.Get("applyServerSideEncryptionByDefault", ignoreCase: true) as MappingNode;
        var algorithm = Path(byDefault, "sseAlgorithm");
        return algorithm is "aws:kms" or "aws:kms:dsse"
            ? EncryptionState.Kms(Fact<string?>.Known(NullIfEmpty(Path(byDefault, "kmsMasterKeyID"))), algorithm, "alias/aws/s3")
            : EncryptionState.ServiceOwned(algorithm ?? "AES256");
    }

    private static EncryptionState Flagged(string? flag, Fact<string?> key, string awsManagedAlias) => flag?.ToLowerInvariant() switch
    {
        "true" => EncryptionState.Kms(key, "aws:kms", awsManagedAlias),
        "false" => EncryptionState.Unencrypted,
        _ => EncryptionState.Unknown("the configuration item does not say whether the resource is encrypted"),
    };

    private static KeyFacts KeyFacts(MappingNode? configuration, InputNode? rotationStatus)
    {
        var manager = Path(configuration, "keyManager") switch
        {
            "CUSTOMER" => Fact<KeyManager>.Known(KeyManager.Customer),
            "AWS" => Fact<KeyManager>.Known(KeyManager.AwsManaged),
            _ => Fact<KeyManager>.Unknown("the configuration item has no `keyManager`"),
        };
        var rotation = rotationStatus is ScalarNode { AsBoolean: { } enabled }
            ? Fact<bool>.Known(enabled)
            : Fact<bool>.Unknown("the configuration item has no `KeyRotationStatus`");
        var window = Path(configuration, "pendingDeletionWindowInDays");
        return new KeyFacts(
            manager,
            Path(configuration, "keyState") is { } state ? Fact<string>.Known(state) : Fact<string>.Unknown("the configuration item has no `keyState`"),
            rotation,
            rotation is { IsKnown: true, Value: false } ? Fact<int?>.Known(null) : Fact<int?>.Unknown($"the rotation period: {NotRecorded}"),
            Path(configuration, "multiRegion") is { } multi ? Fact<bool>.Known(string.Equals(multi, "true", StringComparison.OrdinalIgnoreCase)) : Fact<bool>.Known(false),
            int.TryParse(window, out var days) ? Fact<int?>.Known(days) : Fact<int?>.Known(null),
            Fact<string?>.Unknown($"the key policy: {NotRecorded}"))
        {
            KeyId = Path(configuration, "keyId"),
        };
    }

    private static Fact<ImmutableSortedDictionary<string, string>> Tags(InputNode? node)
    {
        var tags = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        switch (node)
        {
            case MappingNode map:
                foreach (var (key, value) in map.Entries)
                {
                    tags[key] = (value as ScalarNode)?.Text ?? string.Empty;
                }

                break;
            case SequenceNode list:
                foreach (var tag in list.Items.OfType<MappingNode>())
                {
                    tags[Path(tag, "key") ?? string.Empty] = Path(tag, "value") ?? string.Empty;
                }

                break;
        }

        return Fact<ImmutableSortedDictionary<string, string>>.Known(tags.ToImmutable());
    }

    /// <summary>The API form keeps configuration documents as JSON strings; parse them in place.</summary>
    private static InputNode? Embedded(MappingNode item, InputNode? node)
    {
        if (node is not ScalarNode { Kind: ScalarKind.String, Text: { } text })
        {
            return node;
        }

        var trimmed = text.TrimStart();
        if (trimmed.Length == 0 || trimmed[0] is not ('{' or '['))
        {
            return node; // a plain value, such as KeyRotationStatus "true"
        }

        try
        {
            return JsonTreeReader.ParseAt(Encoding.UTF8.GetBytes(text), node.Position);
        }
        catch (InputException e)
        {
            throw Problem(item, $"the embedded JSON at {node.Position.Pointer} is malformed: {e.Message}");
        }
    }

    private static string? Path(InputNode? node, params string[] path)
    {
        foreach (var step in path)
        {
            node = (node as MappingNode)?.Get(step, ignoreCase: true);
        }

        return node is ScalarNode s ? s.Text : null;
    }

    private static string? Text(MappingNode item, string key) => (item.Get(key, ignoreCase: true) as ScalarNode)?.Text;

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static InputException Problem(InputNode at, string message) =>
        new(at.Position.File, at.Position.Line, at.Position.Column, message);
}
