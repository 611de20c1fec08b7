using System.Collections.Immutable;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Inputs.Properties;
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
            var (definition, type) = Definition(id, node);

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

    /// <summary>
    /// One resource from CloudFormation-shaped properties outside a template, as Cloud Control's <c>GetResource</c>
    /// returns them. The ARN, account and Region are not in the properties: the caller sets them.
    /// </summary>
    public static Resource ReadProperties(string type, string id, MappingNode properties, SourcePosition position)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var resolver = new IntrinsicResolver(new MappingNode([], position), types);
        return Normalize(id, type, new CfnMap(properties, resolver), position, types);
    }

    /// <summary>
    /// A resource's mapping and its type name. A type that is no name (a number, an empty string, an intrinsic such
    /// as <c>!Ref</c>) or properties that are no mapping are input errors: read anyway, the resource would be judged
    /// on what sec08 did not understand.
    /// </summary>
    private static (MappingNode Definition, string Type) Definition(string id, InputNode node)
    {
        if (node is not MappingNode definition)
        {
            throw Problem(node, $"resource `{id}` must be a mapping with `Type` and `Properties`");
        }

        var type = definition.Get("Type") ?? throw Problem(node, $"resource `{id}` needs a `Type`");
        if (type is not ScalarNode { Kind: ScalarKind.String, Tag: null, Text: { Length: > 0 } name })
        {
            throw Problem(type, $"the `Type` of resource `{id}` must be a resource type name such as `AWS::S3::Bucket`");
        }

        // A short-form intrinsic (`!If`) is resolved like any value; anything else must be a mapping.
        if (definition.Get("Properties") is { Tag: null } properties and not MappingNode)
        {
            throw Problem(properties, $"the `Properties` of resource `{id}` must be a mapping");
        }

        return (definition, name);
    }

    private static InputException Problem(InputNode at, string message) =>
        new(at.Position.File, at.Position.Line, at.Position.Column, message);

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
        var entry = ResourceCatalog.Default.Find(type) is { CloudFormation: { } cfn } found && string.Equals(cfn.Type, type, StringComparison.OrdinalIgnoreCase) ? found : null;
        var form = entry?.CloudFormation;

        // A data store's facts are read first, so that its record is made once.
        var facts = entry?.Kind == ResourceKind.DataStore && new CfnPropertySource(properties, properties.Resolver, types) is var source
            ? CopiesAndRetentionReader.Read(entry, EncryptionReader.Read(form!.Encryption!, source), form.Copies, form.Retention, source, "a template")
            : default;
        var resource = new Resource
        {
            Type = type,
            Entry = entry,
            Id = id,
            Position = position,
            Arn = Arn(form?.ArnTemplate, properties),
            Account = Fact<string?>.Unknown("the stack's account is chosen when it is deployed"),
            Region = Fact<string?>.Unknown("the stack's Region is chosen when it is deployed"),
            Tags = form?.Tags is { } tags
                ? PlainTags(properties.Node.Get(tags.Text)) ?? Tags(properties.Get(tags.Text), tags.Text)
                : Fact<ImmutableSortedDictionary<string, string>>.Known(ImmutableSortedDictionary<string, string>.Empty),
            Encryption = facts.Encryption,
            NothingStored = facts.NothingStored,
            Copies = facts.Copies,
            NothingCopied = facts.NothingCopied,
            Retention = facts.Retention,
        };

        return entry?.Kind switch
        {
            ResourceKind.KmsKey => resource with { Key = KeyFactsReader.Apply(KeyFacts(properties), form!.Key, new CfnPropertySource(properties, properties.Resolver, types)) },
            ResourceKind.KmsAlias => resource with
            {
                Alias = new AliasFacts(
                    properties.Get("AliasName")?.AsString ?? string.Empty,
                    KeyReference(properties.Get("TargetKeyId"), types).Reference),
            },
            _ => resource,
        };
    }

    /// <summary>An ARN that follows from literal properties alone (<c>arn:aws:s3:::{BucketName}</c>); otherwise assigned at deployment.</summary>
    private static Fact<string?> Arn(string? template, CfnMap properties)
    {
        if (template is null)
        {
            return Fact<string?>.Unknown(DeployTime);
        }

        var open = template.IndexOf('{', StringComparison.Ordinal);
        var close = template.IndexOf('}', StringComparison.Ordinal);
        return properties.Get(template[(open + 1)..close])?.AsString is { } value
            ? Fact<string?>.Known(template[..open] + value + template[(close + 1)..])
            : Fact<string?>.Unknown(DeployTime);
    }

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

    /// <summary>
    /// Tags written as a list of plain <c>Key</c>/<c>Value</c> texts, read straight from the template's nodes, as
    /// nearly every template writes them; null when any part needs resolving, which <see cref="Tags"/> then does.
    /// </summary>
    private static Fact<ImmutableSortedDictionary<string, string>>? PlainTags(InputNode? node)
    {
        if (node is not SequenceNode { Tag: null } list)
        {
            return null;
        }

        var tags = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            if (item is not MappingNode { Tag: null } tag
                || tag.Get("Key") is not ScalarNode { Tag: null, Text: { } key }
                || tag.Get("Value") is not ScalarNode { Tag: null, Text: { } text })
            {
                return null;
            }

            tags[key] = text;
        }

        return Fact<ImmutableSortedDictionary<string, string>>.Known(tags.ToImmutable());
    }

    /// <summary>Tags as a list of <c>Key</c>/<c>Value</c> (most types) or as a mapping (DAX, MSK, Backup vaults).</summary>
    private static Fact<ImmutableSortedDictionary<string, string>> Tags(CfnValue? value, string property)
    {
        var tags = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        switch (value)
        {
            case null or CfnNoValue:
                break;
            case CfnList list:
                foreach (var item in list.Items)
                {
                    if (item is not CfnMap tag || tag.Get("Key")?.AsString is not { } key || tag.Get("Value")?.AsString is not { } text)
                    {
                        return Fact<ImmutableSortedDictionary<string, string>>.Unknown((item as CfnMap)?.Get("Value") is CfnUnknown u ? u.Reason : "a tag is known only when the stack is deployed");
                    }

                    tags[key] = text;
                }

                break;
            case CfnMap map:
                foreach (var (key, _) in map.Node.Entries)
                {
                    if (map.Get(key)?.AsString is not { } text)
                    {
                        return Fact<ImmutableSortedDictionary<string, string>>.Unknown(map.Get(key) is CfnUnknown u ? u.Reason : "a tag is known only when the stack is deployed");
                    }

                    tags[key] = text;
                }

                break;
            default:
                return Fact<ImmutableSortedDictionary<string, string>>.Unknown(value is CfnUnknown unknown ? unknown.Reason : $"`{property}` is neither a list nor a mapping");
        }

        return Fact<ImmutableSortedDictionary<string, string>>.Known(tags.ToImmutable());
    }

    /// <summary>A KMS key as a property names it: an ID/ARN/alias string, or a reference to a key or alias of the template.</summary>
    internal static KeyRef KeyReference(CfnValue? value, IReadOnlyDictionary<string, string> types) => value switch
    {
        null or CfnNoValue => new KeyRef(Fact<string?>.Known(null), null),
        CfnReference r when types.GetValueOrDefault(r.LogicalId) is "AWS::KMS::Key" or "AWS::KMS::Alias" => new KeyRef(Fact<string?>.Known(r.LogicalId), r.LogicalId),
        CfnReference r => new KeyRef(Fact<string?>.Unknown($"`{r.LogicalId}` is not a KMS key of the template"), null),
        CfnUnknown u => new KeyRef(Fact<string?>.Unknown(u.Reason), null),
        _ when value.AsString is { } text => new KeyRef(Fact<string?>.Known(text), null),
        _ => new KeyRef(Fact<string?>.Unknown("the key is not a string"), null),
    };
}
