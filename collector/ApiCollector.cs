using System.Collections.Frozen;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>
/// The types the catalogue reads through their service's own API (<see cref="LiveSource.Api"/>), in one account and
/// Region: each type by the reader of the API its entry names. Each reader turns the API's answer into the
/// CloudFormation shape (<see cref="CloudFormationShaped"/>), so the catalogue's CloudFormation paths decide; a type
/// whose answer fails or is malformed is reported for the Region, and the other types go on.
/// </summary>
internal static class ApiCollector
{
    private static readonly FrozenDictionary<string, Func<Scope, ResourceEntry, Task<List<Resource>>>> s_readers =
        new Dictionary<string, Func<Scope, ResourceEntry, Task<List<Resource>>>>(StringComparer.Ordinal)
        {
            ["dax:DescribeClusters"] = DaxCollector.Collect,
            ["fsx:DescribeFileSystems"] = FsxCollector.Collect,
            ["glue:GetSecurityConfigurations"] = GlueSecurityCollector.Collect,
            ["dlm:GetLifecyclePolicy"] = DlmCollector.Collect,
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Whether sec08 has a reader for the API a catalogue entry names.</summary>
    public static bool Reads(string api) => s_readers.ContainsKey(api);

    public static Task<List<Resource>> Collect(Scope scope, IReadOnlyList<ResourceEntry> types) =>
        ByType.Collect(types, t => s_readers.TryGetValue(t.Live.Api!, out var read)
            ? read(scope, t)
            : throw new InvalidOperationException($"the catalogue reads {t.Type} through {t.Live.Api}, which sec08 has no reader for"));
}
