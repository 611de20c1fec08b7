using System.Collections.Immutable;

namespace Sec08Policy.Engine.Catalog.Resources;

/// <summary>
/// Every AWS resource type sec08 knows and every service policies can name, read once from the embedded
/// <c>resources.json</c>. Adapters, the evaluator, the binder, the SCP emitter, the live collectors and
/// docs/resources.md all read it; no other list of types or services exists.
/// </summary>
public sealed class ResourceCatalog
{
    // Plain dictionaries, read-only once built: every command reads the catalogue at start-up, where building frozen
    // ones costs more than their faster lookups save.
    private readonly Dictionary<string, ResourceEntry> _byType;
    private readonly Dictionary<string, (ResourceEntry Entry, TerraformForm Form)> _byTerraform;
    private readonly Dictionary<string, (ResourceEntry Entry, TerraformJoin Join)> _joins;
    private readonly Dictionary<string, ImmutableArray<ResourceEntry>> _byConfig;
    private readonly Dictionary<string, ServiceEntry> _services;

    internal ResourceCatalog(ImmutableArray<ServiceEntry> services, ImmutableArray<ResourceEntry> entries)
    {
        Services = services;
        Entries = entries;
        _services = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _byType = entries.ToDictionary(e => e.Type, StringComparer.OrdinalIgnoreCase);
        _byTerraform = entries.SelectMany(e => e.Terraform.Select(f => (Key: f.Type, Value: (e, f))))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        _joins = entries.SelectMany(e => e.TerraformJoins.Select(j => (Key: j.Type, Value: (e, j))))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        // Entries with a discriminator come first, so the plain one is the fallback.
        _byConfig = entries.Where(e => e.Config is not null)
            .GroupBy(e => e.Config!.Type, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Config!.When is null).ToImmutableArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The catalogue shipped inside this assembly.</summary>
    public static ResourceCatalog Default { get; } = CatalogReader.LoadEmbedded();

    /// <summary>Every resource type, in the catalogue's order (by service, then type).</summary>
    public ImmutableArray<ResourceEntry> Entries { get; }

    /// <summary>The KMS key specs and origins policies can name.</summary>
    public KeyCatalog Keys { get; init; } = KeyCatalog.Empty;

    /// <summary>Every service a policy can name, in the catalogue's order.</summary>
    public ImmutableArray<ServiceEntry> Services { get; }

    /// <summary>A type by its CloudFormation name, or by the name AWS Config records it under (ignoring case).</summary>
    public ResourceEntry? Find(string type) =>
        _byType.TryGetValue(type, out var entry) ? entry
        : _byConfig.TryGetValue(type, out var recorded) ? recorded[^1]
        : null;

    public (ResourceEntry Entry, TerraformForm Form)? FindTerraform(string terraformType) =>
        _byTerraform.TryGetValue(terraformType, out var found) ? found : null;

    /// <summary>The entry a Terraform type carries encryption for, when it is such a type.</summary>
    public (ResourceEntry Entry, TerraformJoin Join)? FindJoin(string terraformType) =>
        _joins.TryGetValue(terraformType, out var found) ? found : null;

    /// <summary>
    /// The entry of a configuration item of <paramref name="configType"/>; <paramref name="valueAt"/> reads the item
    /// for types Config records under one name.
    /// </summary>
    public ResourceEntry? FindConfig(string configType, Func<PropertyPath, string?> valueAt)
    {
        if (!_byConfig.TryGetValue(configType, out var candidates))
        {
            return null;
        }

        foreach (var entry in candidates)
        {
            var when = entry.Config!.When;
            if (when is null || (valueAt(when.Path) is { } value && when.Values.Contains(value, StringComparer.OrdinalIgnoreCase)))
            {
                return entry;
            }
        }

        return null;
    }

    public ServiceEntry? FindService(string name) => _services.GetValueOrDefault(name);

    public IEnumerable<ResourceEntry> OfService(string service) => Entries.Where(e => e.Service == service);
}
