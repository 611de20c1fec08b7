using System.Collections.Immutable;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Terraform;

/// <summary>
/// Reads <c>terraform show -json</c> plans (format_version 0.x and 1.x): the resources a plan creates, updates or
/// keeps, from <c>change.after</c> with <c>after_unknown</c>; deletions are ignored. Key references unknown at plan
/// time are followed through the <c>configuration</c> expressions, and S3 encryption is joined from
/// <c>aws_s3_bucket_server_side_encryption_configuration</c> to its bucket.
/// </summary>
public static class TerraformPlanAdapter
{
    private const string SseConfigurationType = "aws_s3_bucket_server_side_encryption_configuration";

    public static bool Accepts(MappingNode root) =>
        root.Get("format_version") is not null && (root.Get("resource_changes") is not null || root.Get("planned_values") is not null);

    public static IEnumerable<Resource> Read(MappingNode plan)
    {
        CheckVersion(plan);
        var references = new Dictionary<string, MappingNode>(StringComparer.Ordinal);
        var moduleCalls = new Dictionary<string, MappingNode>(StringComparer.Ordinal);
        var providerKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        if ((plan.Get("configuration") as MappingNode)?.Get("root_module") is MappingNode root)
        {
            CollectExpressions(root, string.Empty, references, moduleCalls, providerKeys);
        }

        var changes = (plan.Get("resource_changes") as SequenceNode)?.Items.OfType<MappingNode>().Where(IsKept).ToList() ?? [];
        var addresses = changes.Select(c => Text(c, "address")).OfType<string>().ToList();
        var context = new PlanContext(references, moduleCalls, addresses)
        {
            ProviderRegions = ProviderRegions(plan.Get("configuration") as MappingNode),
            ProviderKeys = providerKeys,
            ProviderKeysDeclared = [.. ((plan.Get("configuration") as MappingNode)?.Get("provider_config") as MappingNode)?.Entries.Select(e => e.Key) ?? []],
        };

        var resources = new List<Resource>();
        var bucketNames = new Dictionary<string, int>(StringComparer.Ordinal);
        var sseConfigurations = new List<(MappingNode Change, PlannedValues Values)>();
        foreach (var change in changes)
        {
            var type = Text(change, "type") ?? string.Empty;
            var values = Values(change);
            if (type == SseConfigurationType)
            {
                sseConfigurations.Add((change, values));
                continue;
            }

            if (type == "aws_s3_bucket" && values.String("bucket") is { IsKnown: true, Value: { } bucketName })
            {
                bucketNames.TryAdd(bucketName, resources.Count);
            }

            resources.Add(Normalize(change, type, values, context));
        }

        var buckets = new BucketIndex(resources, bucketNames);
        foreach (var (change, values) in sseConfigurations)
        {
            JoinBucketEncryption(change, values, resources, buckets, context);
        }

        return resources;
    }

    private static void CheckVersion(MappingNode plan)
    {
        var node = plan.Get("format_version");
        var version = (node as ScalarNode)?.Text ?? string.Empty;
        var major = version.Split('.')[0];
        if (major is not ("0" or "1"))
        {
            var at = node!.Position;
            throw new InputException(at.File, at.Line, at.Column, $"Terraform plan format_version `{version}` is not supported; sec08 reads 0.x and 1.x");
        }
    }

    /// <summary>Create, update, replace and no-op are the resources that will exist; deletions, forgets and reads are not.</summary>
    private static bool IsKept(MappingNode change)
    {
        if (Text(change, "mode") is { } mode && mode != "managed")
        {
            return false;
        }

        var actions = ((change.Get("change") as MappingNode)?.Get("actions") as SequenceNode)?.Items.OfType<ScalarNode>().Select(a => a.Text).ToList() ?? [];
        return actions.Contains("create") || actions.Contains("update") || actions.Contains("no-op");
    }

    private static PlannedValues Values(MappingNode change)
    {
        var body = change.Get("change") as MappingNode;
        return new PlannedValues(body?.Get("after") as MappingNode, body?.Get("after_unknown"));
    }

    private static Resource Normalize(MappingNode change, string type, PlannedValues values, PlanContext context)
    {
        var address = Text(change, "address") ?? type;
        var awsType = ResourceTypes.AwsTypeFromTerraform(type);
        var kind = awsType is null ? ResourceKind.Unsupported : ResourceTypes.FromAwsType(awsType);
        var resource = new Resource
        {
            Type = awsType ?? type,
            Kind = kind,
            Id = address,
            Position = change.Position,
            Arn = values.String("arn"),
            Account = Fact<string?>.Unknown("the account comes from the provider's credentials"),
            Region = values.Node("region") is ScalarNode ? values.String("region") : context.ProviderRegion(address),
            Tags = Tags(values),
        };

        KeyRef Key(string attribute) => context.KeyReference(address, values, attribute);

        return kind switch
        {
            ResourceKind.S3Bucket => resource with { Encryption = InlineBucketEncryption(values, address, context) },
            ResourceKind.EbsVolume or ResourceKind.EbsSnapshot => resource with
            {
                Encryption = values.Bool(null, "encrypted") switch
                {
                    { IsKnown: false } u when kind == ResourceKind.EbsVolume && values.Node("encrypted") is null or ScalarNode { Kind: ScalarKind.Null } =>
                        EncryptionState.Unknown("the volume's encryption follows the account's EBS encryption by default"),
                    { IsKnown: false } u => EncryptionState.Unknown(u.UnknownReason!),
                    { Value: true } => Key("kms_key_id").Apply("aws:kms", "alias/aws/ebs"),
                    _ => EncryptionState.Unencrypted,
                },
            },
            ResourceKind.RdsInstance or ResourceKind.RdsCluster => resource with
            {
                Encryption = Storage(values.Bool(false, "storage_encrypted"), Key("kms_key_id"), "alias/aws/rds"),
            },
            ResourceKind.RdsSnapshot or ResourceKind.RdsClusterSnapshot => resource with
            {
                Encryption = Storage(values.Bool(null, kind == ResourceKind.RdsSnapshot ? "encrypted" : "storage_encrypted"), Key("kms_key_id"), "alias/aws/rds"),
            },
            ResourceKind.EfsFileSystem => resource with { Encryption = Storage(values.Bool(false, "encrypted"), Key("kms_key_id"), "alias/aws/elasticfilesystem") },
            ResourceKind.DynamoDbTable => resource with
            {
                Encryption = !context.IsConfigured(address, "server_side_encryption")
                    ? EncryptionState.ServiceOwned("AES256") // no block: the AWS owned key
                    : values.IsUnknown("server_side_encryption")
                    ? EncryptionState.Unknown("`server_side_encryption` is known only after `terraform apply`")
                    : values.Bool(false, "server_side_encryption", "0", "enabled") switch
                    {
                        { IsKnown: false } u => EncryptionState.Unknown(u.UnknownReason!),
                        { Value: true } => context.KeyReference(address, values, "server_side_encryption", "0", "kms_key_arn").Apply("aws:kms", "alias/aws/dynamodb"),
                        _ => EncryptionState.ServiceOwned("AES256"),
                    },
            },
            ResourceKind.SqsQueue => resource with
            {
                Encryption = Key("kms_master_key_id") switch
                {
                    { Reference: { IsKnown: true, Value: null }, LocalId: null } => values.Bool(true, "sqs_managed_sse_enabled") switch
                    {
                        { IsKnown: false } u => EncryptionState.Unknown(u.UnknownReason!),
                        { Value: true } => EncryptionState.ServiceOwned("SSE-SQS"),
                        _ => EncryptionState.Unencrypted,
                    },
                    var key => key.Apply("aws:kms", "alias/aws/sqs"),
                },
            },
            ResourceKind.SnsTopic => resource with { Encryption = Optional(Key("kms_master_key_id"), "alias/aws/sns", EncryptionState.Unencrypted) },
            ResourceKind.SecretsManagerSecret => resource with { Encryption = Key("kms_key_id").Apply("aws:kms", "alias/aws/secretsmanager") },
            ResourceKind.LogGroup => resource with { Encryption = Optional(Key("kms_key_id"), null, EncryptionState.ServiceOwned("AES256")) },
            ResourceKind.CloudTrailTrail => resource with { Encryption = Optional(Key("kms_key_id"), null, EncryptionState.ServiceOwned("AES256")) },
            ResourceKind.KmsKey => resource with { Key = KeyFacts(values) },
            ResourceKind.KmsAlias => resource with
            {
                Alias = new AliasFacts(values.String("name").ValueOrDefault ?? string.Empty, Key("target_key_id") is { LocalId: { } local } ? Fact<string?>.Known(local) : Key("target_key_id").Reference),
            },
            ResourceKind.EbsEncryptionByDefault => resource with { EbsEncryptionByDefault = values.Bool(true, "enabled") },
            _ => resource,
        };
    }

    private static EncryptionState Storage(Fact<bool> enabled, KeyRef key, string awsManagedAlias) => enabled switch
    {
        { IsKnown: false } u => EncryptionState.Unknown(u.UnknownReason!),
        { Value: true } => key.Apply("aws:kms", awsManagedAlias),
        _ => EncryptionState.Unencrypted,
    };

    /// <summary>A key attribute that turns on KMS encryption when set; otherwise <paramref name="none"/>.</summary>
    private static EncryptionState Optional(KeyRef key, string? awsManagedAlias, EncryptionState none) =>
        key is { Reference: { IsKnown: true, Value: null }, LocalId: null } ? none : key.Apply("aws:kms", awsManagedAlias);

    /// <summary>The deprecated inline <c>server_side_encryption_configuration</c>; without it S3's SSE-S3 default applies.</summary>
    private static EncryptionState InlineBucketEncryption(PlannedValues values, string address, PlanContext context)
    {
        if (values.IsUnknown("server_side_encryption_configuration"))
        {
            return EncryptionState.ServiceOwned("AES256");
        }

        return values.Node("server_side_encryption_configuration", "0", "rule", "0") is MappingNode
            ? RuleEncryption(values, address, context, ["server_side_encryption_configuration", "0", "rule", "0"])
            : EncryptionState.ServiceOwned("AES256");
    }

    private static EncryptionState RuleEncryption(PlannedValues values, string address, PlanContext context, string[] rule)
    {
        string[] byDefault = [.. rule, "apply_server_side_encryption_by_default", "0"];
        var algorithm = values.String([.. byDefault, "sse_algorithm"]);
        if (!algorithm.IsKnown)
        {
            return EncryptionState.Unknown(algorithm.UnknownReason!);
        }

        return algorithm.Value is "aws:kms" or "aws:kms:dsse"
            ? context.KeyReference(address, values, [.. byDefault, "kms_master_key_id"]).Apply(algorithm.Value, "alias/aws/s3")
            : EncryptionState.ServiceOwned(algorithm.Value ?? "AES256");
    }

    /// <summary>Applies a standalone bucket encryption resource to the bucket it names (by name, or by reference).</summary>
    private static void JoinBucketEncryption(MappingNode change, PlannedValues values, List<Resource> resources, BucketIndex buckets, PlanContext context)
    {
        var address = Text(change, "address") ?? SseConfigurationType;
        var bucketName = values.String("bucket");
        var target = bucketName is { IsKnown: true, Value: { } name } ? buckets.ByName(name) : -1;
        if (target < 0 && context.ReferencedAddress(address, "bucket", "aws_s3_bucket") is { } bucketAddress)
        {
            target = buckets.ByAddress(bucketAddress);
        }

        if (target >= 0)
        {
            resources[target] = resources[target] with { Encryption = RuleEncryption(values, address, context, ["rule", "0"]) };
        }
    }

    private static KeyFacts KeyFacts(PlannedValues values)
    {
        var rotation = values.Bool(false, "enable_key_rotation");
        var period = values.Int("rotation_period_in_days");
        if (rotation is { IsKnown: true, Value: true } && period is { IsKnown: true, Value: null })
        {
            period = Fact<int?>.Known(365);
        }

        var window = values.Int("deletion_window_in_days");
        return new KeyFacts(
            Fact<KeyManager>.Known(KeyManager.Customer),
            values.Bool(true, "is_enabled").Select(e => e ? "Enabled" : "Disabled"),
            rotation,
            rotation is { IsKnown: true, Value: false } ? Fact<int?>.Known(null) : period,
            values.Bool(false, "multi_region"),
            window is { IsKnown: true, Value: null } ? Fact<int?>.Known(30) : window,
            values.String("policy"))
        {
            KeyId = values.String("key_id").ValueOrDefault,
        };
    }

    /// <summary>The resource's tags: <c>tags_all</c> (which includes the provider's <c>default_tags</c>) when the plan knows it, else <c>tags</c>.</summary>
    private static Fact<ImmutableSortedDictionary<string, string>> Tags(PlannedValues values)
    {
        var attribute = values.Node("tags_all") is MappingNode && !values.IsUnknown("tags_all") ? "tags_all" : "tags";
        if (values.IsUnknown(attribute))
        {
            return Fact<ImmutableSortedDictionary<string, string>>.Unknown($"`{attribute}` is known only after `terraform apply`");
        }

        var tags = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (values.Node(attribute) is MappingNode map)
        {
            foreach (var (key, value) in map.Entries)
            {
                if (values.IsUnknown(attribute, key) || value is not ScalarNode { Text: { } text })
                {
                    return Fact<ImmutableSortedDictionary<string, string>>.Unknown($"tag `{key}` is known only after `terraform apply`");
                }

                tags[key] = text;
            }
        }

        return Fact<ImmutableSortedDictionary<string, string>>.Known(tags.ToImmutable());
    }

    private static void CollectExpressions(MappingNode module, string prefix, Dictionary<string, MappingNode> references, Dictionary<string, MappingNode> moduleCalls, Dictionary<string, string> providerKeys)
    {
        foreach (var resource in (module.Get("resources") as SequenceNode)?.Items.OfType<MappingNode>() ?? [])
        {
            if (Text(resource, "address") is { } address && resource.Get("expressions") is MappingNode expressions)
            {
                references[prefix + address] = expressions;
            }

            if (Text(resource, "address") is { } named && Text(resource, "provider_config_key") is { } providerKey)
            {
                providerKeys[prefix + named] = providerKey;
            }
        }

        foreach (var (name, call) in (module.Get("module_calls") as MappingNode)?.Entries ?? [])
        {
            var childPrefix = $"{prefix}module.{name}.";
            if ((call as MappingNode)?.Get("expressions") is MappingNode passed)
            {
                moduleCalls[childPrefix] = passed;
            }

            if ((call as MappingNode)?.Get("module") is MappingNode child)
            {
                CollectExpressions(child, childPrefix, references, moduleCalls, providerKeys);
            }
        }
    }

    /// <summary>Provider configurations (<c>aws</c>, <c>aws.west</c>, ...) whose <c>region</c> is a constant.</summary>
    private static Dictionary<string, string> ProviderRegions(MappingNode? configuration)
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, provider) in (configuration?.Get("provider_config") as MappingNode)?.Entries ?? [])
        {
            if (((provider as MappingNode)?.Get("expressions") as MappingNode)?.Get("region") is MappingNode region
                && region.Get("constant_value") is ScalarNode { Text: { } value })
            {
                regions[key] = value;
            }
        }

        return regions;
    }

    internal static string? Text(MappingNode node, string key) => (node.Get(key) as ScalarNode)?.Text;

    /// <summary><c>module.a["x"].aws_s3_bucket.b[0]</c> → <c>module.a.aws_s3_bucket.b</c> (the configuration address).</summary>
    internal static string StripIndexes(string address)
    {
        if (address.IndexOf('[', StringComparison.Ordinal) < 0)
        {
            return address;
        }

        var builder = new System.Text.StringBuilder(address.Length);
        var depth = 0;
        var quoted = false;
        foreach (var c in address)
        {
            if (depth > 0)
            {
                quoted = c == '"' ? !quoted : quoted;
                depth += quoted ? 0 : c == '[' ? 1 : c == ']' ? -1 : 0;
                continue;
            }

            if (c == '[')
            {
                depth = 1;
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Planned buckets by name and by address, so each bucket-encryption resource finds its bucket at once.</summary>
    private sealed class BucketIndex
    {
        private readonly Dictionary<string, int> _byName;
        private readonly Dictionary<string, int> _byAddress = new(StringComparer.Ordinal);

        public BucketIndex(List<Resource> resources, Dictionary<string, int> names)
        {
            _byName = names;
            for (var i = 0; i < resources.Count; i++)
            {
                if (resources[i].Kind != ResourceKind.S3Bucket)
                {
                    continue;
                }

                _byAddress.TryAdd(resources[i].Id, i);
                if (resources[i].Arn is { IsKnown: true, Value: { } arn } && arn.StartsWith("arn:aws:s3:::", StringComparison.Ordinal))
                {
                    _byName.TryAdd(arn["arn:aws:s3:::".Length..], i);
                }
            }
        }

        public int ByName(string name) => _byName.GetValueOrDefault(name, -1);

        public int ByAddress(string address) => _byAddress.GetValueOrDefault(address, -1);
    }
}
