using System.Collections.Immutable;
using System.Text;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Inputs.Properties;
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

        var written = item.Get("configuration", ignoreCase: true);
        var configuration = Embedded(item, written);

        // The configuration document is read once, strictly: malformed embedded JSON there is an input error.
        var source = new ConfigPropertySource(ReferenceEquals(written, configuration) ? item : new MappingNode(
            [.. item.Entries.Select(e => ReferenceEquals(e.Value, written) ? new KeyValuePair<string, InputNode>(e.Key, configuration!) : e)],
            item.Position));
        var entry = ResourceCatalog.Default.FindConfig(type, path => source.Get(path).Text);
        var arn = Text(item, "arn") ?? Text(item, "ARN");
        var resource = new Resource
        {
            Type = entry?.Type ?? type,
            Entry = entry,
            Id = arn ?? Text(item, "resourceId") ?? Text(item, "resourceName") ?? throw Problem(item, "a configuration item needs `arn` or `resourceId`"),
            Position = item.Position,
            Arn = Fact<string?>.Known(arn),
            Account = Fact<string?>.Known(Text(item, "accountId") ?? Text(item, "awsAccountId")),
            Region = Fact<string?>.Known(Text(item, "awsRegion")),
            Tags = Tags(item.Get("tags", ignoreCase: true)),
        };

        var config = configuration as MappingNode;
        return entry?.Kind switch
        {
            ResourceKind.DataStore => CopiesAndRetentionReader.Apply(
                resource,
                entry.Config!.Encryption is { } spec
                    ? EncryptionReader.Read(spec, source)
                    : EncryptionState.Unknown(entry.Gaps.GetValueOrDefault(InputForm.Config, NotRecorded) + "; sec08 does not know where its items say whether it is encrypted"),
                entry.Config.Copies,
                entry.Config.Retention,
                source,
                "a configuration item"),
            ResourceKind.KmsKey => resource with { Key = KeyFactsReader.Apply(KeyFacts(config, entry.Config!, source), entry.Config!.Key, source, arn) },
            ResourceKind.KmsAlias => resource with
            {
                Alias = new AliasFacts(Path(config, "aliasName") ?? Text(item, "resourceName") ?? string.Empty, Fact<string?>.Known(Path(config, "targetKeyId"))),
            },
            _ => resource,
        };
    }

    /// <summary>A key's facts; who manages it and whether it rotates are where the catalogue says.</summary>
    private static KeyFacts KeyFacts(MappingNode? configuration, ConfigForm form, ConfigPropertySource source)
    {
        var manager = (form.KeyManager is { } managerPath ? source.Get(managerPath).Text : null) switch
        {
            "CUSTOMER" => Fact<KeyManager>.Known(KeyManager.Customer),
            "AWS" => Fact<KeyManager>.Known(KeyManager.AwsManaged),
            _ => Fact<KeyManager>.Unknown($"the configuration item has no `{form.KeyManager?.Text ?? "keyManager"}`"),
        };
        var rotationText = form.Rotation is { } rotationPath ? source.Get(rotationPath).Text : null;
        var rotation = string.Equals(rotationText, "true", StringComparison.OrdinalIgnoreCase) ? Fact<bool>.Known(true)
            : string.Equals(rotationText, "false", StringComparison.OrdinalIgnoreCase) ? Fact<bool>.Known(false)
            : Fact<bool>.Unknown($"the configuration item has no `{form.Rotation?.Text ?? "KeyRotationStatus"}`");
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
