using System.Collections.Immutable;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Inputs.Properties;
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

        var changes = Changes(plan).Where(IsKept).ToList();
        var addresses = changes.Select(c => Text(c, "address")).OfType<string>().ToList();
        var context = new PlanContext(references, moduleCalls, addresses)
        {
            ProviderRegions = ProviderRegions(plan.Get("configuration") as MappingNode),
            ProviderKeys = providerKeys,
            ProviderKeysDeclared = [.. ((plan.Get("configuration") as MappingNode)?.Get("provider_config") as MappingNode)?.Entries.Select(e => e.Key) ?? []],
        };

        var resources = new List<Resource>();
        var planned = new List<(string Type, PlannedValues Values)>();
        var joined = new List<(MappingNode Change, PlannedValues Values, TerraformJoin Join)>();
        foreach (var change in changes)
        {
            var type = Text(change, "type") ?? string.Empty;
            var values = Values(change);
            if (ResourceCatalog.Default.FindJoin(type) is { } join)
            {
                joined.Add((change, values, join.Join));
                continue;
            }

            resources.Add(Normalize(change, type, values, context));
            planned.Add((type, values));
        }

        if (joined.Count > 0)
        {
            ApplyJoins(joined, resources, planned, context);
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

    /// <summary>
    /// The entries of <c>resource_changes</c>. Anything but a list of resource changes is an input error: read
    /// as "no changes", it would pass a plan sec08 did not understand.
    /// </summary>
    private static IEnumerable<MappingNode> Changes(MappingNode plan)
    {
        switch (plan.Get("resource_changes"))
        {
            case null:
                return [];
            case SequenceNode list:
                foreach (var item in list.Items)
                {
                    if (item is not MappingNode change || Text(change, "type") is not { Length: > 0 } || (change.Get("change") as MappingNode)?.Get("actions") is not SequenceNode)
                    {
                        throw new InputException(item.Position.File, item.Position.Line, item.Position.Column,
                            "a resource change needs `type` and `change.actions`, as `terraform show -json` writes them");
                    }
                }

                return list.Items.Cast<MappingNode>();
            case var other:
                throw new InputException(other.Position.File, other.Position.Line, other.Position.Column, "`resource_changes` must be an array of resource changes");
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
        var found = ResourceCatalog.Default.FindTerraform(type);
        var resource = new Resource
        {
            Type = found?.Entry.Type ?? type,
            Entry = found?.Entry,
            Id = address,
            Position = change.Position,
            Arn = values.String("arn"),
            Account = Fact<string?>.Unknown("the account comes from the provider's credentials"),
            Region = values.Node("region") is ScalarNode ? values.String("region") : context.ProviderRegion(address),
            Tags = Tags(values),
        };

        return found?.Entry.Kind switch
        {
            ResourceKind.DataStore when new PlanPropertySource(values, context, address) is var source =>
                CopiesAndRetentionReader.Apply(resource, EncryptionReader.Read(found.Value.Form.Encryption!, source), found.Value.Form.Copies, found.Value.Form.Retention, source, "a plan"),
            ResourceKind.KmsKey => resource with { Key = KeyFactsReader.Apply(KeyFacts(values), found.Value.Form.Key, new PlanPropertySource(values, context, address)) },
            ResourceKind.KmsAlias => resource with
            {
                Alias = new AliasFacts(
                    values.String("name").ValueOrDefault ?? string.Empty,
                    context.KeyReference(address, values, "target_key_id") is { LocalId: { } local } ? Fact<string?>.Known(local) : context.KeyReference(address, values, "target_key_id").Reference),
            },
            ResourceKind.AccountSetting => resource with { EbsEncryptionByDefault = values.Bool(true, "enabled") },
            _ => resource,
        };
    }

    /// <summary>
    /// Applies each resource that carries another's encryption (a bucket's encryption configuration, a stage's method
    /// settings) to the resource it names, by matching attributes or by a configuration reference. A target that stores
    /// nothing as configured (a stage without a cache) stays so; several joined resources must all be encrypted.
    /// </summary>
    private static void ApplyJoins(List<(MappingNode Change, PlannedValues Values, TerraformJoin Join)> joined, List<Resource> resources, List<(string Type, PlannedValues Values)> planned, PlanContext context)
    {
        var byAddress = new Dictionary<string, int>(StringComparer.Ordinal);
        var byMatch = new Dictionary<string, int>(StringComparer.Ordinal);
        var targets = joined.Select(j => j.Join).DistinctBy(j => j.TargetType).ToDictionary(j => j.TargetType, StringComparer.Ordinal);
        for (var i = 0; i < resources.Count; i++)
        {
            if (targets.TryGetValue(planned[i].Type, out var join))
            {
                byAddress.TryAdd(resources[i].Id, i);
                if (MatchKey(join.Match.Select(m => m.Target), planned[i].Values) is { } key)
                {
                    byMatch.TryAdd(planned[i].Type + "\n" + key, i);
                }
            }
        }

        var states = new Dictionary<int, List<Reading>>();
        foreach (var (change, values, join) in joined)
        {
            var address = Text(change, "address") ?? join.Type;
            var target = MatchKey(join.Match.Select(m => m.Joined), values) is { } key && byMatch.TryGetValue(join.TargetType + "\n" + key, out var matched) ? matched : -1;
            if (target < 0 && join.Reference is { } reference && context.ReferencedAddress(address, reference, join.TargetType) is { } targetAddress)
            {
                target = byAddress.GetValueOrDefault(targetAddress, -1);
            }

            if (target >= 0)
            {
                (states.TryGetValue(target, out var list) ? list : states[target] = []).Add(EncryptionReader.Read(join.Encryption, new PlanPropertySource(values, context, address)));
            }
        }

        foreach (var (target, list) in states)
        {
            if (resources[target].Encryption is not null && EncryptionReader.Combine(list).State is { } combined)
            {
                resources[target] = resources[target] with { Encryption = combined };
            }
        }
    }

    /// <summary>The known values of the attributes that tie a joined resource to its target, or null when one is not known.</summary>
    private static string? MatchKey(IEnumerable<string> attributes, PlannedValues values)
    {
        var parts = new List<string>();
        foreach (var attribute in attributes)
        {
            if (values.String(attribute) is not { IsKnown: true, Value: { } value })
            {
                return null;
            }

            parts.Add(value);
        }

        return parts.Count == 0 ? null : string.Join("\n", parts);
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
}
