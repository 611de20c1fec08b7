namespace Sec08Policy.Collector.JsonApi;

/// <summary>
/// AWS Config advanced query (JSON 1.1, target prefix <c>StarlingDoveService</c>): <c>SelectResourceConfig</c> for the
/// account and Region signed for, <c>SelectAggregateResourceConfig</c> for every account and Region an aggregator
/// covers. Each result is a JSON document of the selected configuration item fields, serialised as a string.
/// </summary>
internal sealed class ConfigApi(JsonApiClient client)
{
    /// <summary>The most results a page may hold (the API's limit).</summary>
    public const int PageSize = 100;

    public string Action(string? aggregator) => client.Service.Action(Operation(aggregator));

    public async Task<SelectPage> SelectAsync(string expression, string? aggregator, string? nextToken, CancellationToken cancellation)
    {
        using var answer = await client.CallAsync(Operation(aggregator), json =>
        {
            json.WriteString("Expression", expression);
            if (aggregator is not null)
            {
                json.WriteString("ConfigurationAggregatorName", aggregator);
            }

            json.WriteNumber("Limit", PageSize);
            if (nextToken is not null)
            {
                json.WriteString("NextToken", nextToken);
            }
        }, cancellation).ConfigureAwait(false);
        var what = $"the {Operation(aggregator)} answer";
        var root = JsonShape.Object(answer.RootElement, what);
        var results = new List<string>();
        foreach (var result in JsonShape.Array(root, "Results", what))
        {
            results.Add(result.ValueKind == System.Text.Json.JsonValueKind.String ? result.GetString()! : throw new MalformedResponseException($"a result of {what} is not a string"));
        }

        return new SelectPage(results, JsonShape.OptionalString(root, "NextToken", what));
    }

    private static string Operation(string? aggregator) => aggregator is null ? "SelectResourceConfig" : "SelectAggregateResourceConfig";
}

/// <summary>One page of query results (configuration items as JSON text) and the token of the next (null at the end).</summary>
internal sealed record SelectPage(IReadOnlyList<string> Results, string? NextToken);
