using System.Collections.Immutable;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>
/// Which live source reads each type of the resource catalogue, decided from the catalogue alone: a type with a
/// native collector is read by it; a type whose entry names its service's API (<see cref="LiveSource.Api"/>) through
/// that API; else through AWS Cloud Control API when Cloud Control can find its resources; else through AWS Config
/// when Config records it. An organization is read through its Config aggregator: every type Config records.
/// </summary>
public static class LivePlan
{
    /// <summary>The types one account and Region read through their service's own API, in catalogue order.</summary>
    public static ImmutableArray<ResourceEntry> Api { get; } =
        [.. ResourceCatalog.Default.Entries.Where(e => e.Live.Collector is null && e.Live.Api is not null)];

    /// <summary>The types one account and Region read through Cloud Control, in catalogue order.</summary>
    public static ImmutableArray<ResourceEntry> CloudControl { get; } =
        [.. Unclaimed().Where(ReadByCloudControl)];

    /// <summary>The Config queries of one account and Region: the types neither a collector, an API nor Cloud Control reads.</summary>
    public static ImmutableArray<ConfigQuery> Config { get; } =
        Queries(Unclaimed().Where(e => !ReadByCloudControl(e)));

    /// <summary>The queries of an organization's aggregator: every type Config records, keys and aliases first.</summary>
    public static ImmutableArray<ConfigQuery> Organization { get; } =
        [.. Queries(ResourceCatalog.Default.Entries).OrderBy(q => q.Entries.Any(e => e.Kind is ResourceKind.KmsKey or ResourceKind.KmsAlias) ? 0 : 1)];

    /// <summary>The types no live source of <c>sec08 collect</c> reads account by account, in catalogue order.</summary>
    public static ImmutableArray<ResourceEntry> NotRead { get; } =
        [.. Unclaimed().Where(e => !ReadByCloudControl(e) && e.Config is not { Recorded: true })];

    /// <summary>The types an organization's aggregator cannot give (Config does not record them), in catalogue order.</summary>
    public static ImmutableArray<ResourceEntry> NotReadByOrganization { get; } =
        [.. ResourceCatalog.Default.Entries.Where(e => e.Config is not { Recorded: true })];

    /// <summary>The types neither a native collector nor their service's API reads.</summary>
    private static IEnumerable<ResourceEntry> Unclaimed() =>
        ResourceCatalog.Default.Entries.Where(e => e.Live.Collector is null && e.Live.Api is null);

    private static bool ReadByCloudControl(ResourceEntry entry) =>
        entry.Live.CloudControl is not null && entry.Live.Listing != CloudControlListing.None;

    /// <summary>One query per Config type (Config records DocumentDB and Neptune clusters as RDS clusters).</summary>
    private static ImmutableArray<ConfigQuery> Queries(IEnumerable<ResourceEntry> entries) =>
        [.. entries.Where(e => e.Config is { Recorded: true })
            .GroupBy(e => e.Config!.Type, StringComparer.Ordinal)
            .Select(g => new ConfigQuery(g.Key, [.. g]))];
}

/// <summary>
/// One AWS Config query: the Config type and the catalogue types read from its items (the others it returns are read
/// elsewhere, and dropped here).
/// </summary>
public sealed record ConfigQuery(string ConfigType, ImmutableArray<ResourceEntry> Entries)
{
    /// <summary>What a failure of this query is reported under: the one type it reads, or the Config type.</summary>
    public string Part => Entries.Length == 1 ? Entries[0].Type : ConfigType;

    /// <summary>Whether a resource read from one of its items is one this query is for.</summary>
    public bool Wants(Resource resource) => resource.Entry is { } entry && Entries.Contains(entry);
}
