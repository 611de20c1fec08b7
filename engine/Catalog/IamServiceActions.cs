using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;

namespace Sec08Policy.Engine.Catalog;

/// <summary>One service of <see cref="IamActionCatalog"/>: its actions, resource types and the type of each condition key.</summary>
public sealed class IamServiceActions
{
    private readonly ReadOnlyMemory<byte> _entry;
    // Where each action's entry lies in the service's; an action is read when first asked for (EC2 lists about 750, a
    // policy names a few). Plain dictionaries: the service is read on the first request that needs it.
    private readonly Dictionary<string, Range> _actionExtents;
    private readonly ConcurrentDictionary<string, IamActionDetails> _actions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IamResourceType> _resourceTypes;
    private readonly Dictionary<string, string> _keyTypes;
    private readonly ConditionKeyTemplate[] _keyTemplates;

    private IamServiceActions(string prefix, ReadOnlyMemory<byte> entry, Dictionary<string, Range> actionExtents, Dictionary<string, string> keyTypes, Dictionary<string, IamResourceType> resourceTypes)
    {
        Prefix = prefix;
        _entry = entry;
        _actionExtents = actionExtents;
        _keyTypes = keyTypes;
        _keyTemplates = [.. keyTypes.Keys.Where(k => k.Contains("${", StringComparison.Ordinal)).Select(k => new ConditionKeyTemplate(k))];
        _resourceTypes = resourceTypes;
    }

    public string Prefix { get; }

    /// <summary>Every action, in the catalogue's order.</summary>
    public IEnumerable<IamActionDetails> Actions => _actionExtents.Keys.Select(name => FindAction(name)!);

    public IEnumerable<IamResourceType> ResourceTypes => _resourceTypes.Values;

    /// <summary>An action by its name without the prefix (<c>GetObject</c>), any case.</summary>
    public IamActionDetails? FindAction(string name) => FindAction(name.AsSpan());

    /// <inheritdoc cref="FindAction(string)"/>
    public IamActionDetails? FindAction(ReadOnlySpan<char> name)
    {
        if (_actions.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var read))
        {
            return read;
        }

        return _actionExtents.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var spelled, out var extent)
            ? _actions.GetOrAdd(spelled, static (n, state) => state.Service.ReadAction(n, state.Extent), (Service: this, Extent: extent))
            : null;
    }

    public IamResourceType? FindResourceType(string name) => _resourceTypes.GetValueOrDefault(name);

    /// <summary>Whether the service defines <paramref name="key"/> (a template such as <c>s3:ExistingObjectTag/${TagKey}</c> matches any tag key).</summary>
    public bool DefinesKey(string key) => KeyType(key) is not null;

    /// <summary>The type the service gives <paramref name="key"/> (<c>String</c>, <c>ArrayOfString</c>, <c>Bool</c>, ...), or null.</summary>
    public string? KeyType(string key)
    {
        if (_keyTypes.TryGetValue(key, out var type))
        {
            return type;
        }

        foreach (var template in _keyTemplates)
        {
            if (template.Matches(key))
            {
                return _keyTypes[template.Text];
            }
        }

        return null;
    }

    /// <summary>Reads the service's key types and resource types, and finds each action's entry.</summary>
    internal static IamServiceActions Parse(ReadOnlyMemory<byte> entry, string prefix)
    {
        var reader = new Utf8JsonReader(entry.Span);
        Expect(ref reader, JsonTokenType.StartObject, prefix);
        var actions = new Dictionary<string, Range>(StringComparer.OrdinalIgnoreCase);
        var keyTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var resourceTypes = new Dictionary<string, IamResourceType>(StringComparer.OrdinalIgnoreCase);
        while (Next(ref reader, prefix) == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            if (property is not ("actions" or "keyTypes" or "resourceTypes"))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            Expect(ref reader, JsonTokenType.StartObject, prefix);
            while (Next(ref reader, prefix) == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                switch (property)
                {
                    case "actions":
                        Expect(ref reader, JsonTokenType.StartObject, prefix);
                        var start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        actions[name] = start..(int)reader.BytesConsumed;
                        break;
                    case "keyTypes":
                        Expect(ref reader, JsonTokenType.String, prefix);
                        keyTypes[name] = reader.GetString()!;
                        break;
                    default:
                        resourceTypes[name] = ReadResourceType(ref reader, prefix, name);
                        break;
                }
            }
        }

        if (reader.Read())
        {
            throw Malformed(prefix, "more than one value");
        }

        return new IamServiceActions(prefix, entry, actions, keyTypes, resourceTypes);
    }

    private static IamResourceType ReadResourceType(ref Utf8JsonReader reader, string prefix, string name)
    {
        Expect(ref reader, JsonTokenType.StartObject, prefix);
        string? arn = null;
        var keys = ImmutableArray<string>.Empty;
        while (Next(ref reader, prefix) == JsonTokenType.PropertyName)
        {
            switch (reader.GetString())
            {
                case "arn":
                    Expect(ref reader, JsonTokenType.String, prefix);
                    arn = reader.GetString();
                    break;
                case "k":
                    keys = Strings(ref reader, prefix);
                    break;
                default:
                    reader.Read();
                    reader.Skip();
                    break;
            }
        }

        return new IamResourceType(prefix, name, arn ?? throw Malformed(prefix, $"resource type {name} without an ARN"), keys);
    }

    /// <summary>One action's entry: <c>r</c> its resource types, <c>rk</c> the keys it adds per type, <c>k</c> its keys.</summary>
    private IamActionDetails ReadAction(string name, Range extent)
    {
        var reader = new Utf8JsonReader(_entry.Span[extent]);
        Expect(ref reader, JsonTokenType.StartObject, Prefix);
        var typeNames = ImmutableArray<string>.Empty;
        var keys = ImmutableArray<string>.Empty;
        var typeKeys = new Dictionary<string, ImmutableArray<string>>(StringComparer.OrdinalIgnoreCase);
        while (Next(ref reader, Prefix) == JsonTokenType.PropertyName)
        {
            switch (reader.GetString())
            {
                case "r":
                    typeNames = Strings(ref reader, Prefix);
                    break;
                case "k":
                    keys = Strings(ref reader, Prefix);
                    break;
                case "rk":
                    Expect(ref reader, JsonTokenType.StartObject, Prefix);
                    while (Next(ref reader, Prefix) == JsonTokenType.PropertyName)
                    {
                        var type = reader.GetString()!;
                        typeKeys[type] = Strings(ref reader, Prefix);
                    }

                    break;
                default:
                    reader.Read();
                    reader.Skip();
                    break;
            }
        }

        var types = ImmutableArray.CreateBuilder<IamActionResourceType>(typeNames.Length);
        foreach (var typeName in typeNames)
        {
            var type = _resourceTypes.GetValueOrDefault(typeName) ?? throw Malformed(Prefix, $"action {name} names the unknown resource type {typeName}");
            types.Add(new IamActionResourceType(type, typeKeys.GetValueOrDefault(typeName, [])));
        }

        return new IamActionDetails(this, name, types.MoveToImmutable(), keys);
    }

    private static ImmutableArray<string> Strings(ref Utf8JsonReader reader, string prefix)
    {
        Expect(ref reader, JsonTokenType.StartArray, prefix);
        var values = ImmutableArray.CreateBuilder<string>();
        while (Next(ref reader, prefix) == JsonTokenType.String)
        {
            values.Add(reader.GetString()!);
        }

        return reader.TokenType == JsonTokenType.EndArray ? values.ToImmutable() : throw Malformed(prefix, "a list that is not of strings");
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader, string prefix) =>
        reader.Read() ? reader.TokenType : throw Malformed(prefix, "an entry that ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string prefix)
    {
        if (Next(ref reader, prefix) != type)
        {
            throw Malformed(prefix, $"{reader.TokenType} where {type} belongs");
        }
    }

    private static InvalidDataException Malformed(string prefix, string what) =>
        new($"the IAM action catalogue's service {prefix} has {what}");
}
