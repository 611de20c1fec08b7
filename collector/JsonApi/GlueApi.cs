using System.Text.Json;

namespace Sec08Policy.Collector.JsonApi;

/// <summary>
/// AWS Glue <c>GetSecurityConfigurations</c> (JSON 1.1, target prefix <c>AWSGlue</c>): every security configuration
/// of the Region, paged by <c>NextToken</c>.
/// </summary>
internal sealed class GlueApi(JsonApiClient client)
{
    /// <summary>The largest page GetSecurityConfigurations allows (1 to 1000).</summary>
    public const int PageSize = 1000;

    public string Action => client.Service.Action("GetSecurityConfigurations");

    /// <summary>A page of <c>SecurityConfigurations</c>, each read by <paramref name="read"/>.</summary>
    public async Task<Page<T>> GetSecurityConfigurationsAsync<T>(string? nextToken, Func<JsonElement, T> read, CancellationToken cancellation)
    {
        using var answer = await client.CallAsync("GetSecurityConfigurations", json => JsonPages.Write(json, nextToken, PageSize), cancellation).ConfigureAwait(false);
        return JsonPages.Of(answer, "GetSecurityConfigurations", "SecurityConfigurations", read);
    }
}
