using Sec08Policy.Collector.JsonApi;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>
/// The types the catalogue reads through AWS Config, in one account and Region: every page of a
/// <c>SelectResourceConfig</c> query per Config type, each result normalised as a Config snapshot's item is (and kept
/// when it is of a type the query is for). A type whose
/// query fails is reported for the Region, keeping the pages read; a malformed result is skipped and reported once.
/// Config answers only for the Regions where it records.
/// </summary>
internal static class ConfigCollector
{
    public static Task<List<Resource>> Collect(Scope scope, IReadOnlyList<ConfigQuery> queries)
    {
        var api = scope.Clients.Config(scope.Region);
        return ByType.Collect(queries, q => Type(api, scope, q));
    }

    private static async Task<List<Resource>> Type(ConfigApi api, Scope scope, ConfigQuery query)
    {
        var expression = ConfigItems.Query(query.ConfigType);
        var operation = api.Action(aggregator: null);
        return await Pages.ReadAll(
            scope, query.Part, operation,
            (token, c) => api.SelectAsync(expression, null, token, c),
            page => Normalise(scope, query, operation, page.Results),
            page => page.NextToken).ConfigureAwait(false) ?? [];
    }

    /// <summary>A page's results as resources, read as the page arrives so that no raw result outlives its page.</summary>
    private static List<Resource> Normalise(Scope scope, ConfigQuery query, string operation, IReadOnlyList<string> results)
    {
        var resources = new List<Resource>(results.Count);
        foreach (var result in results)
        {
            try
            {
                if (ConfigItems.Read(result, query.ConfigType, scope.Position(query.ConfigType, string.Empty).File) is { } resource && query.Wants(resource))
                {
                    resources.Add(resource);
                }
            }
            catch (Exception e) when (e is MalformedResponseException or MalformedItemException)
            {
                scope.FailedOnce(query.Part, operation, $"{operation} failed: malformed answer: {e.Message}");
            }
        }

        return resources;
    }
}
