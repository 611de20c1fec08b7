using System.Collections.Immutable;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Inventory;

/// <summary>
/// Reads the native inventory <c>sec08 collect</c> writes. It is the normalized model as JSON: any value may be
/// <c>{"unknown": "reason"}</c> instead, which becomes an Unknown fact.
/// </summary>
public static class InventoryAdapter
{
    public static bool Accepts(MappingNode root) => (root.Get("format") as ScalarNode)?.Text?.StartsWith("sec08-inventory/", StringComparison.Ordinal) == true;

    public static IEnumerable<Resource> Read(MappingNode root)
    {
        var format = (ScalarNode)root.Get("format")!;
        if (format.Text != InventoryFormat.Name)
        {
            throw Problem(format, $"inventory format `{format.Text}` is not supported; sec08 reads `{InventoryFormat.Name}`");
        }

        if (root.Get("resources") is not SequenceNode resources)
        {
            throw Problem(root, "an inventory needs a `resources` array");
        }

        foreach (var node in resources.Items)
        {
            if (node is not MappingNode item)
            {
                throw Problem(node, "an inventory resource must be an object");
            }

            yield return ReadResource(item);
        }
    }

    private static Resource ReadResource(MappingNode item)
    {
        var type = String(item, "type") is { IsKnown: true, Value: { } t } ? t : throw Problem(item, "an inventory resource needs `type`");
        var id = String(item, "id") is { IsKnown: true, Value: { } i } ? i : throw Problem(item, "an inventory resource needs `id`");
        var entry = ResourceCatalog.Default.Find(type);
        var resource = new Resource
        {
            Type = entry?.Type ?? type,
            Entry = entry,
            Id = id,
            Position = item.Position,
            Arn = String(item, "arn"),
            Account = String(item, "account"),
            Region = String(item, "region"),
            Tags = Tags(item.Get("tags")),
        };

        if (item.Get("encryption") is { } encryption)
        {
            resource = resource with { Encryption = Encryption(encryption) };
        }

        if (item.Get("key") is MappingNode key)
        {
            resource = resource with
            {
                Key = new KeyFacts(
                    String(key, "manager").Select(m => InventoryFormat.ParseManager(m) ?? KeyManager.Customer),
                    String(key, "state").Select(s => s ?? "Enabled"),
                    Bool(key, "rotationEnabled"),
                    Int(key, "rotationPeriodInDays"),
                    Bool(key, "multiRegion"),
                    Int(key, "deletionWindowInDays"),
                    String(key, "policy"))
                {
                    Aliases = key.Get("aliases") is SequenceNode aliases ? [.. aliases.Items.OfType<ScalarNode>().Select(a => a.Text ?? string.Empty)] : [],
                    KeyId = String(key, "keyId").ValueOrDefault,
                    Spec = Recorded(key, "spec"),
                    Origin = Recorded(key, "origin"),
                    ReplicaRegions = Regions(key.Get("replicaRegions")),
                    Primary = key.Get("primaryKey") is null ? null : String(key, "primaryKey"),
                },
            };
        }

        if (item.Get("alias") is MappingNode alias)
        {
            resource = resource with { Alias = new AliasFacts(String(alias, "name").ValueOrDefault ?? string.Empty, String(alias, "targetKey")) };
        }

        resource = CopiesAndRetention(resource, item);
        if (item.Get("nothingStored") is ScalarNode { Text: { } nothing })
        {
            resource = resource with { NothingStored = nothing };
        }

        if (item.Get("ebsEncryptionByDefault") is not null)
        {
            resource = resource with { EbsEncryptionByDefault = Bool(item, "ebsEncryptionByDefault") };
        }

        return resource;
    }

    /// <summary>
    /// <c>copies</c> (an encryption object) or <c>nothingCopied</c>, and <c>retention</c> with <c>floorDays</c> and
    /// <c>ceilingDays</c> (a number or <c>"forever"</c>); a type that has them, left out, is Unknown.
    /// </summary>
    private static Resource CopiesAndRetention(Resource resource, MappingNode item)
    {
        if (item.Get("copies") is { } copies)
        {
            resource = resource with { Copies = Encryption(copies) };
        }
        else if (item.Get("nothingCopied") is ScalarNode { Text: { } none })
        {
            resource = resource with { NothingCopied = none };
        }
        else if (resource.Entry is { MakesCopies: true })
        {
            resource = resource with { Copies = EncryptionState.Unknown("the inventory does not record the encryption of its copies") };
        }

        if (item.Get("retention") is { } retention)
        {
            resource = resource with
            {
                Retention = UnknownReason(retention) is { } why
                    ? RetentionFacts.Unknown(why)
                    : retention is MappingNode map ? new RetentionFacts(Days(map, "floorDays"), Days(map, "ceilingDays")) : throw Problem(retention, "`retention` must be an object"),
            };
        }
        else if (resource.Entry is { KeepsRetention: true })
        {
            resource = resource with { Retention = RetentionFacts.Unknown("the inventory does not record how long it keeps its data") };
        }

        return resource;
    }

    /// <summary>A number of days, <c>"forever"</c> (a known null), or Unknown when left out.</summary>
    private static Fact<int?> Days(MappingNode map, string key) => map.Get(key) switch
    {
        null => Fact<int?>.Unknown($"the inventory does not record `{key}`"),
        ScalarNode { Text: "forever" } => Fact<int?>.Known(null),
        ScalarNode { AsInt: { } n } when n >= 0 => Fact<int?>.Known(n),
        var n when UnknownReason(n) is { } reason => Fact<int?>.Unknown(reason),
        var n => throw Problem(n, $"`{key}` must be a whole number of days or \"forever\""),
    };

    private static EncryptionState Encryption(InputNode node)
    {
        if (UnknownReason(node) is { } reason)
        {
            return EncryptionState.Unknown(reason);
        }

        var map = node as MappingNode ?? throw Problem(node, "`encryption` must be an object");
        return new EncryptionState(
            Bool(map, "enabled"),
            String(map, "algorithm"),
            String(map, "key"),
            String(map, "keyManager").Select(m => InventoryFormat.ParseManager(m)));
    }

    private static Fact<ImmutableSortedDictionary<string, string>> Tags(InputNode? node)
    {
        if (node is null)
        {
            return Fact<ImmutableSortedDictionary<string, string>>.Known(ImmutableSortedDictionary<string, string>.Empty);
        }

        if (UnknownReason(node) is { } reason)
        {
            return Fact<ImmutableSortedDictionary<string, string>>.Unknown(reason);
        }

        var map = node as MappingNode ?? throw Problem(node, "`tags` must be an object");
        return Fact<ImmutableSortedDictionary<string, string>>.Known(
            map.Entries.ToImmutableSortedDictionary(e => e.Key, e => (e.Value as ScalarNode)?.Text ?? string.Empty, StringComparer.Ordinal));
    }

    private static Fact<string?> String(MappingNode map, string key) => map.Get(key) switch
    {
        null or ScalarNode { Kind: ScalarKind.Null } => Fact<string?>.Known(null),
        ScalarNode s => Fact<string?>.Known(s.Text),
        var n when UnknownReason(n) is { } reason => Fact<string?>.Unknown(reason),
        var n => throw Problem(n, $"`{key}` must be a string"),
    };

    /// <summary>A string the inventory may leave out: then it is not known, rather than known to be absent.</summary>
    private static Fact<string?> Recorded(MappingNode map, string key) =>
        map.Get(key) is null ? Fact<string?>.Unknown($"the inventory does not record `{key}`") : String(map, key);

    private static Fact<ImmutableArray<string>> Regions(InputNode? node) => node switch
    {
        null => Fact<ImmutableArray<string>>.Unknown("the inventory does not record `replicaRegions`"),
        SequenceNode list => Fact<ImmutableArray<string>>.Known([.. list.Items.Select(i => (i as ScalarNode)?.Text ?? throw Problem(i, "`replicaRegions` must hold Region names"))]),
        _ when UnknownReason(node) is { } reason => Fact<ImmutableArray<string>>.Unknown(reason),
        _ => throw Problem(node, "`replicaRegions` must be a list of Regions"),
    };

    private static Fact<bool> Bool(MappingNode map, string key) => map.Get(key) switch
    {
        ScalarNode { Kind: ScalarKind.Boolean } b => Fact<bool>.Known(b.Text == "true"),
        null => Fact<bool>.Unknown($"the inventory does not record `{key}`"),
        var n when UnknownReason(n) is { } reason => Fact<bool>.Unknown(reason),
        var n => throw Problem(n, $"`{key}` must be true or false"),
    };

    private static Fact<int?> Int(MappingNode map, string key) => map.Get(key) switch
    {
        null or ScalarNode { Kind: ScalarKind.Null } => Fact<int?>.Known(null),
        ScalarNode { AsInt: { } n } => Fact<int?>.Known(n),
        var n when UnknownReason(n) is { } reason => Fact<int?>.Unknown(reason),
        var n => throw Problem(n, $"`{key}` must be a whole number"),
    };

    private static string? UnknownReason(InputNode node) =>
        node is MappingNode { Entries.Length: 1 } map && map.Get("unknown") is ScalarNode { Text: { } reason } ? reason : null;

    private static InputException Problem(InputNode at, string message) =>
        new(at.Position.File, at.Position.Line, at.Position.Column, message);
}
