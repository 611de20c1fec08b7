using System.Collections.Immutable;
using System.Text.Json;

namespace Sec08Policy.Engine.Catalog;

/// <summary>One service of <see cref="IamActionCatalog"/>: its actions, resource types and the type of each condition key.</summary>
public sealed class IamServiceActions
{
    // Plain dictionaries: a service is parsed when a request first needs it, where building frozen ones costs more than it saves.
    private readonly Dictionary<string, IamActionDetails> _actions;
    private readonly Dictionary<string, IamResourceType> _resourceTypes;
    private readonly Dictionary<string, string> _keyTypes;
    private readonly ConditionKeyTemplate[] _keyTemplates;

    private IamServiceActions(string prefix, Dictionary<string, string> keyTypes, Dictionary<string, IamResourceType> resourceTypes, Func<IamServiceActions, Dictionary<string, IamActionDetails>> actions)
    {
        Prefix = prefix;
        _keyTypes = keyTypes;
        _keyTemplates = [.. keyTypes.Keys.Where(k => k.Contains("${", StringComparison.Ordinal)).Select(k => new ConditionKeyTemplate(k))];
        _resourceTypes = resourceTypes;
        _actions = actions(this);
    }

    public string Prefix { get; }

    public IEnumerable<IamActionDetails> Actions => _actions.Values;

    public IEnumerable<IamResourceType> ResourceTypes => _resourceTypes.Values;

    /// <summary>An action by its name without the prefix (<c>GetObject</c>), any case.</summary>
    public IamActionDetails? FindAction(string name) => _actions.GetValueOrDefault(name);

    /// <inheritdoc cref="FindAction(string)"/>
    public IamActionDetails? FindAction(ReadOnlySpan<char> name) =>
        _actions.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var action) ? action : null;

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

    internal static IamServiceActions Parse(ReadOnlySpan<byte> entry, string prefix)
    {
        using var document = JsonDocument.Parse(entry.ToArray());
        var root = document.RootElement;
        var keyTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in root.GetProperty("keyTypes").EnumerateObject())
        {
            keyTypes[key.Name] = key.Value.GetString()!;
        }

        var resourceTypes = new Dictionary<string, IamResourceType>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in root.GetProperty("resourceTypes").EnumerateObject())
        {
            resourceTypes[type.Name] = new IamResourceType(prefix, type.Name, type.Value.GetProperty("arn").GetString()!, Strings(type.Value.GetProperty("k")));
        }

        var actionsElement = root.GetProperty("actions").Clone();
        return new IamServiceActions(prefix, keyTypes, resourceTypes, service =>
        {
            var actions = new Dictionary<string, IamActionDetails>(StringComparer.OrdinalIgnoreCase);
            foreach (var action in actionsElement.EnumerateObject())
            {
                var extra = action.Value.TryGetProperty("rk", out var rk) ? rk : default;
                var types = ImmutableArray.CreateBuilder<IamActionResourceType>();
                foreach (var name in action.Value.GetProperty("r").EnumerateArray())
                {
                    var typeName = name.GetString()!;
                    var keys = extra.ValueKind == JsonValueKind.Object && extra.TryGetProperty(typeName, out var k) ? Strings(k) : [];
                    types.Add(new IamActionResourceType(resourceTypes[typeName], keys));
                }

                actions[action.Name] = new IamActionDetails(service, action.Name, types.ToImmutable(), Strings(action.Value.GetProperty("k")));
            }

            return actions;
        });
    }

    private static ImmutableArray<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
