using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Compiler.Emit.Config;

/// <summary>
/// What a configuration item of a resource type says about the facts sec08 checks, derived from the resource
/// catalogue's Config form, the same description <c>ConfigItemAdapter</c> reads items with: each property a switch
/// reads becomes a dimension of its values, each key property a dimension of keys, and a KMS key's manager and rotation
/// come from the paths the catalogue gives for them.
/// </summary>
internal static class ConfigItemShapes
{
    /// <summary>The shape of an entry's items, or null when no Config rule can decide them (see <see cref="Gap"/>).</summary>
    public static ConfigItemShape? For(ResourceEntry entry)
    {
        if (Gap(entry) is not ShapeGap.None)
        {
            return null;
        }

        var config = entry.Config!;
        switch (entry.Kind)
        {
            case ResourceKind.KmsKey when config.KeyManager is { } manager && config.Rotation is { } rotation:
                return new ConfigItemShape(entry, config.Type, Selector(entry), _ =>
                [
                    Dimensions.Values(ItemPath.Of(manager), [["CUSTOMER"], ["AWS"]], null),
                    Dimensions.Flag(ItemPath.Of(rotation)),
                ]);
            case ResourceKind.DataStore:
                var switches = new List<(PropertyPath Path, List<string> Values)>();
                var keys = new List<(PropertyPath Path, string Alias)>();
                Collect(config.Encryption!, switches, keys, entry);
                return new ConfigItemShape(entry, config.Type, Selector(entry), named =>
                [
                    .. switches.Where(s => !keys.Any(k => k.Path.Text == s.Path.Text)).Select(s => Dimensions.Switch(ItemPath.Of(s.Path), s.Values)),
                    .. keys.Select(k => Dimensions.Key(ItemPath.Of(k.Path), k.Alias, named)),
                ]);
            default:
                return new ConfigItemShape(entry, config.Type, Selector(entry), _ => []);
        }
    }

    /// <summary>Why no Config rule can decide an entry's items, or <see cref="ShapeGap.None"/>.</summary>
    public static ShapeGap Gap(ResourceEntry entry) => entry switch
    {
        { Config: not { Recorded: true } } => ShapeGap.NotRecorded,
        { Kind: ResourceKind.DataStore, Config.Encryption: null } => ShapeGap.NoEncryptionPath,
        { Kind: ResourceKind.DataStore, Config.Encryption: { } spec } when Contains<EachSpec>(spec) => ShapeGap.EachElement,
        { Kind: ResourceKind.DataStore, Config.Encryption: { } spec } when Nested(entry, spec) => ShapeGap.Nested,
        { Kind: ResourceKind.KmsKey, Config: { KeyManager: null } or { Rotation: null } } => ShapeGap.NoEncryptionPath,
        _ => ShapeGap.None,
    };

    /// <summary>
    /// The items of an entry among those of its Config type: where the catalogue tells apart types Config records under
    /// one name (DocumentDB and Neptune clusters are <c>AWS::RDS::DBCluster</c> items), by the discriminating value as
    /// the input reader matches it; the plain entry takes the items no other one does.
    /// </summary>
    private static ItemSelector Selector(ResourceEntry entry)
    {
        var config = entry.Config!;
        if (config.When is { } when)
        {
            var path = ItemPath.Of(when.Path);
            return new ItemSelector([$"{path.Guard} IN [{string.Join(", ", when.Values.Select(Dimensions.Matcher))}]"], item => path.Set(item, when.Values[0]));
        }

        var others = ResourceCatalog.Default.Entries
            .Where(e => e != entry && e.Config is { When: not null } c && string.Equals(c.Type, config.Type, StringComparison.OrdinalIgnoreCase))
            .Select(e => e.Config!.When!)
            .ToList();
        if (others.Count == 0)
        {
            return ItemSelector.Every;
        }

        return new ItemSelector(
            [.. others.GroupBy(w => w.Path.Text).Select(g => ItemPath.Parse(g.Key).Guard is var p ? $"{p} not exists or {p} NOT IN [{string.Join(", ", g.SelectMany(w => w.Values).Select(Dimensions.Matcher))}]" : null)],
            _ => { });
    }

    private static void Collect(EncryptionSpec spec, List<(PropertyPath Path, List<string> Values)> switches, List<(PropertyPath Path, string Alias)> keys, ResourceEntry entry)
    {
        switch (spec)
        {
            case SwitchSpec choice:
                var index = switches.FindIndex(s => s.Path.Text == choice.Path.Text);
                if (index < 0)
                {
                    switches.Add((choice.Path, []));
                    index = switches.Count - 1;
                }

                switches[index].Values.AddRange(choice.Cases.Select(c => c.Value).Where(v => !switches[index].Values.Contains(v, StringComparer.OrdinalIgnoreCase)));
                foreach (var next in choice.Cases.Select(c => c.Then).Append(choice.Absent).Concat(new[] { choice.Present, choice.Other }.OfType<EncryptionSpec>()))
                {
                    Collect(next, switches, keys, entry);
                }

                break;
            case KmsSpec { Key: { } key } kms when !keys.Any(k => k.Path.Text == key.Text):
                keys.Add((key, kms.AwsManagedAlias ?? $"alias/aws/{entry.Service}"));
                break;
            case AllSpec all:
                foreach (var part in all.Parts)
                {
                    Collect(part, switches, keys, entry);
                }

                break;
        }
    }

    /// <summary>
    /// Whether one property the spec reads lies inside another (a switch on an object and on a value in it), or a
    /// switch with cases reads a key property: the dimensions would not be independent.
    /// </summary>
    private static bool Nested(ResourceEntry entry, EncryptionSpec spec)
    {
        var switches = new List<(PropertyPath Path, List<string> Values)>();
        var keys = new List<(PropertyPath Path, string Alias)>();
        Collect(spec, switches, keys, entry);
        var paths = switches.Select(s => s.Path.Text).Concat(keys.Select(k => k.Path.Text)).Distinct().ToList();
        return paths.Any(p => paths.Any(q => q.StartsWith(p + ".", StringComparison.Ordinal)))
            || switches.Any(s => s.Values.Count > 0 && keys.Any(k => k.Path.Text == s.Path.Text));
    }

    private static bool Contains<T>(EncryptionSpec spec) where T : EncryptionSpec => spec switch
    {
        T => true,
        SwitchSpec s => s.Cases.Any(c => Contains<T>(c.Then)) || Contains<T>(s.Absent) || (s.Present is { } p && Contains<T>(p)) || (s.Other is { } o && Contains<T>(o)),
        AllSpec a => a.Parts.Any(Contains<T>),
        EachSpec e => Contains<T>(e.Item) || Contains<T>(e.Empty),
        _ => false,
    };
}

/// <summary>Why no Config rule can decide a type's items.</summary>
internal enum ShapeGap
{
    None,

    /// <summary>AWS Config does not record the type.</summary>
    NotRecorded,

    /// <summary>Its encryption is that of every element of a list, which a Guard rule would have to check one by one.</summary>
    EachElement,

    /// <summary>The properties its encryption is read from lie inside one another.</summary>
    Nested,

    /// <summary>The catalogue does not say where its items hold the facts checked.</summary>
    NoEncryptionPath,
}

/// <summary>
/// A resource type as AWS Config records it: its Config type name, what picks its items among those of that name, and
/// the dimensions its items differ in for a rule naming <c>named</c>.
/// </summary>
internal sealed record ConfigItemShape(ResourceEntry Entry, string AwsType, ItemSelector Selector, Func<string?, ImmutableArray<ItemDimension>> Dimensions);

/// <summary>Guard clauses that pick an entry's items among those of its Config type, and how a sample item is made one of them.</summary>
internal sealed record ItemSelector(ImmutableArray<string> Clauses, Action<JsonObject> Apply)
{
    public static ItemSelector Every { get; } = new([], _ => { });
}
