using System.Collections.Immutable;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.CloudFormation;

/// <summary>
/// Reads a CloudFormation template (JSON or YAML with short-form tags) into resources. Properties go through
/// <see cref="IntrinsicResolver"/>; a resource whose <c>Condition</c> is false is not created and so not read.
/// </summary>
public static class CloudFormationAdapter
{
    private const string DeployTime = "assigned when the stack is deployed";

    public static bool Accepts(MappingNode root) =>
        root.Get("AWSTemplateFormatVersion") is not null || root.Get("Resources") is MappingNode;

    public static IEnumerable<Resource> Read(MappingNode template)
    {
        if (template.Get("Resources") is not MappingNode resources)
        {
            var at = template.Position;
            throw new InputException(at.File, at.Line, at.Column, "a CloudFormation template needs a `Resources` mapping");
        }

        return Read(template, resources.Entries);
    }

    /// <summary>
    /// Reads resources as they come, so a caller can hand over each resource's tree as it parses it and let it go.
    /// <paramref name="sections"/> holds the template's <c>Parameters</c>, <c>Mappings</c> and <c>Conditions</c>.
    /// A resource that refers to one not read yet is read again at the end, when every resource's type is known.
    /// </summary>
    internal static IReadOnlyList<Resource> Read(MappingNode sections, IEnumerable<KeyValuePair<string, InputNode>> resources)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var resolver = new IntrinsicResolver(sections, types);
        var read = new List<Resource?>();
        var again = new List<(int Index, string Id, MappingNode Definition)>();
        foreach (var (id, node) in resources)
        {
            if (node is not MappingNode definition || definition.Get("Type") is not ScalarNode { Text: { } type })
            {
                throw new InputException(node.Position.File, node.Position.Line, node.Position.Column, $"resource `{id}` needs a `Type`");
            }

            if (!types.TryAdd(id, type))
            {
                throw DeclaredTwice(id, node.Position);
            }

            var misses = resolver.Misses;
            read.Add(ReadResource(id, type, definition, resolver, types));
            if (resolver.Misses != misses)
            {
                again.Add((read.Count - 1, id, definition));
            }
        }

        foreach (var (index, id, definition) in again)
        {
            read[index] = ReadResource(id, types[id], definition, resolver, types);
        }

        return [.. read.OfType<Resource>()];
    }

    /// <summary>A resource, or null when its <c>Condition</c> is false and so it is not created.</summary>
    private static Resource? ReadResource(string id, string type, MappingNode definition, IntrinsicResolver resolver, IReadOnlyDictionary<string, string> types)
    {
        if (definition.Get("Condition") is ScalarNode { Text: { } condition } && resolver.EvaluateCondition(condition) == false)
        {
            return null;
        }

        var properties = definition.Get("Properties") is { } p ? resolver.Resolve(p) as CfnMap : null;
        return Normalize(id, type, properties ?? new CfnMap(new MappingNode([], definition.Position), resolver), definition.Position, types);
    }

    /// <summary>A logical ID given twice: CloudFormation rejects the template, and which one it would read is unclear.</summary>
    private static InputException DeclaredTwice(string id, SourcePosition at) =>
        new(at.File, at.Line, at.Column, $"resource `{id}` is declared twice");

    private static Resource Normalize(string id, string type, CfnMap properties, SourcePosition position, IReadOnlyDictionary<string, string> types)
    {
        var kind = ResourceTypes.FromAwsType(type);
        var resource = new Resource
        {
            Type = type,
            Kind = kind,
            Id = id,
            Position = position,
            Arn = Fact<string?>.Unknown(DeployTime),
            Account = Fact<string?>.Unknown("the stack's account is chosen when it is deployed"),
            Region = Fact<string?>.Unknown("the stack's Region is chosen when it is deployed"),
            Tags = Tags(properties.Get(kind == ResourceKind.EfsFileSystem ? "FileSystemTags" : "Tags")),
        };

        KeyRef Key(string property) => KeyReference(properties.Get(property), types);

        // Where setting a key is what turns encryption on, an undecidable value (an `Fn::If` whose other branch is
        // `AWS::NoValue`, say) leaves even whether it is encrypted unknown.
        EncryptionState KeyTurnsOn(string property, string? awsManagedAlias, EncryptionState none) => properties.Get(property) switch
        {
            null or CfnNoValue => none,
            // Without the key the service still encrypts with its own: encrypted either way, by an unknown key.
            CfnUnknown { MayBeAbsent: true } unknown when none.Enabled is { IsKnown: true, Value: true } =>
                new EncryptionState(Fact<bool>.Known(true), Fact<string?>.Unknown(unknown.Reason), Fact<string?>.Unknown(unknown.Reason), Fact<KeyManager?>.Unknown(unknown.Reason)),
            CfnUnknown { MayBeAbsent: true } unknown => EncryptionState.Unknown(unknown.Reason),
            _ => Key(property).Apply("aws:kms", awsManagedAlias),
        };

        return kind switch
        {
            ResourceKind.S3Bucket => resource with
            {
                Arn = properties.Get("BucketName")?.AsString is { } name ? Fact<string?>.Known($"arn:aws:s3:::{name}") : Fact<string?>.Unknown(DeployTime),
                Encryption = S3Encryption(properties, types),
            },
            ResourceKind.EbsVolume => resource with
            {
                Encryption = Flag(properties.Get("Encrypted"), "the volume's encryption follows the account's EBS encryption by default") switch
                {
                    { IsKnown: false } unknown => EncryptionState.Unknown(unknown.UnknownReason!),
                    { Value: true } => Key("KmsKeyId").Apply("aws:kms", "alias/aws/ebs"),
                    _ => EncryptionState.Unencrypted,
                },
            },
            ResourceKind.RdsInstance when properties.Get("DBClusterIdentifier") is not null and not CfnNoValue =>
                resource with { Encryption = EncryptionState.Unknown("an Aurora instance is encrypted by its cluster") with { ResolvedKey = null } },
            ResourceKind.RdsInstance or ResourceKind.RdsCluster => resource with
            {
                Encryption = StorageEncryption(properties.Get("StorageEncrypted"), Key("KmsKeyId"), "alias/aws/rds"),
            },
            ResourceKind.EfsFileSystem => resource with
            {
                Encryption = StorageEncryption(properties.Get("Encrypted"), Key("KmsKeyId"), "alias/aws/elasticfilesystem"),
            },
            ResourceKind.DynamoDbTable => resource with
            {
                Encryption = (properties.Get("SSESpecification") as CfnMap)?.Get("SSEEnabled") switch
                {
                    null => EncryptionState.ServiceOwned("AES256"),
                    var enabled => Flag(enabled, string.Empty) switch
                    {
                        { IsKnown: false } unknown => EncryptionState.Unknown(unknown.UnknownReason!),
                        { Value: true } => KeyReference(((CfnMap)properties.Get("SSESpecification")!).Get("KMSMasterKeyId"), types).Apply("aws:kms", "alias/aws/dynamodb"),
                        _ => EncryptionState.ServiceOwned("AES256"),
                    },
                },
            },
            ResourceKind.SqsQueue => resource with
            {
                Encryption = KeyTurnsOn(
                    "KmsMasterKeyId",
                    "alias/aws/sqs",
                    Flag(properties.Get("SqsManagedSseEnabled"), string.Empty) is { IsKnown: true, Value: false } && properties.Get("SqsManagedSseEnabled") is not null
                        ? EncryptionState.Unencrypted
                        : EncryptionState.ServiceOwned("SSE-SQS")),
            },
            ResourceKind.SnsTopic => resource with
            {
                Encryption = KeyTurnsOn("KmsMasterKeyId", "alias/aws/sns", EncryptionState.Unencrypted),
            },
            ResourceKind.SecretsManagerSecret => resource with { Encryption = Key("KmsKeyId").Apply("aws:kms", "alias/aws/secretsmanager") },
            ResourceKind.LogGroup => resource with
            {
                Encryption = KeyTurnsOn("KmsKeyId", null, EncryptionState.ServiceOwned("AES256")),
            },
            ResourceKind.CloudTrailTrail => resource with
            {
                Encryption = KeyTurnsOn("KMSKeyId", null, EncryptionState.ServiceOwned("AES256")),
            },
            ResourceKind.KmsKey => resource with { Key = KeyFacts(properties) },
            ResourceKind.KmsAlias => resource with
            {
                Alias = new AliasFacts(
                    properties.Get("AliasName")?.AsString ?? string.Empty,
                    KeyReference(properties.Get("TargetKeyId"), types).Reference),
            },
            _ => resource,
        };
    }

    private static EncryptionState S3Encryption(CfnMap properties, IReadOnlyDictionary<string, string> types)
    {
        var rules = (properties.Get("BucketEncryption") as CfnMap)?.Get("ServerSideEncryptionConfiguration");
        switch (rules)
        {
            case null:
                return EncryptionState.ServiceOwned("AES256"); // S3 encrypts every new object with SSE-S3 since 2023-01-05.
            case CfnUnknown unknown:
                return EncryptionState.Unknown(unknown.Reason);
            case CfnList { Items: [CfnMap rule, ..] }:
                {
                    if (rule.Get("ServerSideEncryptionByDefault") is not CfnMap byDefault)
                    {
                        return EncryptionState.ServiceOwned("AES256");
                    }

                    var algorithm = byDefault.Get("SSEAlgorithm");
                    if (algorithm is CfnUnknown u)
                    {
                        return EncryptionState.Unknown(u.Reason);
                    }

                    return algorithm?.AsString is "aws:kms" or "aws:kms:dsse"
                        ? KeyReference(byDefault.Get("KMSMasterKeyID"), types).Apply(algorithm.AsString!, "alias/aws/s3")
                        : EncryptionState.ServiceOwned(algorithm?.AsString ?? "AES256");
                }

            default:
                return EncryptionState.ServiceOwned("AES256");
        }
    }

    private static EncryptionState StorageEncryption(CfnValue? flag, KeyRef key, string awsManagedAlias) =>
        Flag(flag, string.Empty) switch
        {
            { IsKnown: false } unknown => EncryptionState.Unknown(unknown.UnknownReason!),
            { Value: true } => key.Apply("aws:kms", awsManagedAlias),
            _ => EncryptionState.Unencrypted,
        };

    private static KeyFacts KeyFacts(CfnMap properties)
    {
        var rotation = Flag(properties.Get("EnableKeyRotation"), string.Empty);
        var period = Number(properties.Get("RotationPeriodInDays"));
        if (rotation is { IsKnown: true, Value: true } && period is { IsKnown: true, Value: null })
        {
            period = Fact<int?>.Known(365); // the documented default period
        }

        var enabled = Flag(properties.Get("Enabled"), string.Empty);
        var window = Number(properties.Get("PendingWindowInDays"));
        return new KeyFacts(
            Fact<KeyManager>.Known(KeyManager.Customer),
            enabled.Select(e => e || properties.Get("Enabled") is null ? "Enabled" : "Disabled"),
            rotation,
            rotation is { IsKnown: true, Value: false } ? Fact<int?>.Known(null) : period,
            Flag(properties.Get("MultiRegion"), string.Empty),
            window is { IsKnown: true, Value: null } ? Fact<int?>.Known(30) : window,
            properties.Get("KeyPolicy") is null ? Fact<string?>.Known(null) : Fact<string?>.Known("(template key policy)"));
    }

    /// <summary>A Boolean property; absent means false, as for every Boolean CloudFormation property sec08 reads.</summary>
    private static Fact<bool> Flag(CfnValue? value, string unknownReason) => value switch
    {
        null or CfnNoValue => string.IsNullOrEmpty(unknownReason) ? Fact<bool>.Known(false) : Fact<bool>.Unknown(unknownReason),
        CfnUnknown u => Fact<bool>.Unknown(u.Reason),
        _ when value.AsBoolean is { } b => Fact<bool>.Known(b),
        _ => Fact<bool>.Unknown("the value is not a Boolean"),
    };

    private static Fact<int?> Number(CfnValue? value) => value switch
    {
        null or CfnNoValue => Fact<int?>.Known(null),
        CfnUnknown u => Fact<int?>.Unknown(u.Reason),
        CfnScalar { Text: var t } when int.TryParse(t, out var n) => Fact<int?>.Known(n),
        _ => Fact<int?>.Unknown("the value is not a number"),
    };

    private static Fact<ImmutableSortedDictionary<string, string>> Tags(CfnValue? value)
    {
        if (value is null or CfnNoValue)
        {
            return Fact<ImmutableSortedDictionary<string, string>>.Known(ImmutableSortedDictionary<string, string>.Empty);
        }

        if (value is not CfnList list)
        {
            return Fact<ImmutableSortedDictionary<string, string>>.Unknown(value is CfnUnknown u ? u.Reason : "`Tags` is not a list");
        }

        var tags = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            if (item is not CfnMap tag || tag.Get("Key")?.AsString is not { } key || tag.Get("Value")?.AsString is not { } text)
            {
                return Fact<ImmutableSortedDictionary<string, string>>.Unknown((item as CfnMap)?.Get("Value") is CfnUnknown u ? u.Reason : "a tag is known only when the stack is deployed");
            }

            tags[key] = text;
        }

        return Fact<ImmutableSortedDictionary<string, string>>.Known(tags.ToImmutable());
    }

    /// <summary>A KMS key as a property names it: an ID/ARN/alias string, or a reference to a key or alias of the template.</summary>
    private static KeyRef KeyReference(CfnValue? value, IReadOnlyDictionary<string, string> types) => value switch
    {
        null or CfnNoValue => new KeyRef(Fact<string?>.Known(null), null),
        CfnReference r when types.GetValueOrDefault(r.LogicalId) is "AWS::KMS::Key" or "AWS::KMS::Alias" => new KeyRef(Fact<string?>.Known(r.LogicalId), r.LogicalId),
        CfnReference r => new KeyRef(Fact<string?>.Unknown($"`{r.LogicalId}` is not a KMS key of the template"), null),
        CfnUnknown u => new KeyRef(Fact<string?>.Unknown(u.Reason), null),
        _ when value.AsString is { } text => new KeyRef(Fact<string?>.Known(text), null),
        _ => new KeyRef(Fact<string?>.Unknown("the key is not a string"), null),
    };
}
