using System.Text.Json;

namespace Sec08Policy.Collector.JsonApi;

/// <summary>
/// Amazon FSx <c>DescribeFileSystems</c> (JSON 1.1, target prefix <c>AWSSimbaAPIService_v20180301</c>): every file
/// system of the Region, paged by <c>NextToken</c> (pages of the service's own size), tags included.
/// </summary>
internal sealed class FsxApi(JsonApiClient client)
{
    public string Action => client.Service.Action("DescribeFileSystems");

    /// <summary>A page of <c>FileSystems</c>, each read by <paramref name="read"/>.</summary>
    public async Task<Page<T>> DescribeFileSystemsAsync<T>(string? nextToken, Func<JsonElement, T> read, CancellationToken cancellation)
    {
        using var answer = await client.CallAsync("DescribeFileSystems", json => JsonPages.Write(json, nextToken, maxResults: null), cancellation).ConfigureAwait(false);
        return JsonPages.Of(answer, "DescribeFileSystems", "FileSystems", read);
    }
}
