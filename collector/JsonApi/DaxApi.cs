using System.Text.Json;

namespace Sec08Policy.Collector.JsonApi;

/// <summary>
/// The two Amazon DAX operations sec08 needs (JSON 1.1, target prefix <c>AmazonDAXV3</c>): <c>DescribeClusters</c>,
/// every cluster of the Region paged by <c>NextToken</c>, and <c>ListTags</c> of one cluster by its ARN.
/// </summary>
internal sealed class DaxApi(JsonApiClient client)
{
    /// <summary>The largest page DescribeClusters allows (20 to 100).</summary>
    public const int PageSize = 100;

    public string Action(string operation) => client.Service.Action(operation);

    /// <summary>A page of <c>Clusters</c>, each read by <paramref name="read"/>.</summary>
    public async Task<Page<T>> DescribeClustersAsync<T>(string? nextToken, Func<JsonElement, T> read, CancellationToken cancellation)
    {
        using var answer = await client.CallAsync("DescribeClusters", json => JsonPages.Write(json, nextToken, PageSize), cancellation).ConfigureAwait(false);
        return JsonPages.Of(answer, "DescribeClusters", "Clusters", read);
    }

    /// <summary>A page of the cluster's tags (<c>Key</c>, <c>Value</c>).</summary>
    public async Task<Page<KeyValuePair<string, string>>> ListTagsAsync(string arn, string? nextToken, CancellationToken cancellation)
    {
        using var answer = await client.CallAsync("ListTags", json =>
        {
            json.WriteString("ResourceName", arn);
            JsonPages.Write(json, nextToken, maxResults: null);
        }, cancellation).ConfigureAwait(false);
        return JsonPages.Of(answer, "ListTags", "Tags", JsonShape.Tag);
    }
}
