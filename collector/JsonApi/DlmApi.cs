using System.Text.Json;

namespace Sec08Policy.Collector.JsonApi;

/// <summary>
/// The two Amazon Data Lifecycle Manager operations sec08 needs (REST-JSON): <c>GET /policies</c>
/// (<c>GetLifecyclePolicies</c>, the summaries of every policy of the Region in one answer, unpaged) and
/// <c>GET /policies/{policyId}</c> (<c>GetLifecyclePolicy</c>, one policy whole, tags included).
/// </summary>
internal sealed class DlmApi(JsonApiClient client)
{
    public string Action(string operation) => client.Service.Action(operation);

    /// <summary>The IDs of the Region's policies.</summary>
    public async Task<IReadOnlyList<string>> GetLifecyclePoliciesAsync(CancellationToken cancellation)
    {
        using var answer = await client.GetAsync("/policies", cancellation).ConfigureAwait(false);
        return JsonPages.Of(answer, "GetLifecyclePolicies", "Policies", s => Id(JsonShape.String(JsonShape.Object(s, "a policy summary"), "PolicyId", "a policy summary"))).Items;
    }

    /// <summary>The answer's <c>Policy</c> member, read by <paramref name="read"/>.</summary>
    public async Task<T> GetLifecyclePolicyAsync<T>(string policyId, Func<JsonElement, T> read, CancellationToken cancellation)
    {
        using var answer = await client.GetAsync("/policies/" + Id(policyId), cancellation).ConfigureAwait(false);
        return read(JsonShape.Object(JsonShape.Object(answer.RootElement, "the GetLifecyclePolicy answer"), "Policy", "the GetLifecyclePolicy answer"));
    }

    /// <summary>
    /// A policy ID as DLM gives them (<c>policy-0123456789abcdef0</c>): letters, digits and hyphens only, so it goes
    /// into the path as it is, with nothing to escape.
    /// </summary>
    private static string Id(string id) =>
        id.Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? id : throw new MalformedResponseException($"`{id}` is not a policy ID");
}
