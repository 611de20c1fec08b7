using System.Text.Json;
using System.Text.Json.Nodes;
using Sec08Policy.Collector.JsonApi;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>
/// DLM lifecycle policies in one account and Region: <c>GetLifecyclePolicies</c> lists them (summaries only), then
/// <c>GetLifecyclePolicy</c> reads each whole. The policy is in the CloudFormation shape already
/// (<c>AWS::DLM::LifecyclePolicy</c>: <c>PolicyDetails</c> with its schedules' and actions' cross-Region copy rules)
/// but for its tags, a map where CloudFormation has a list. A policy whose read fails is kept with its facts Unknown
/// and the type reported once; one deleted since it was listed is gone.
/// </summary>
internal static class DlmCollector
{
    public static async Task<List<Resource>> Collect(Scope scope, ResourceEntry type)
    {
        var api = scope.Clients.Dlm(scope.Region);
        var (ids, failure) = await scope.Try(api.Action("GetLifecyclePolicies"), api.GetLifecyclePoliciesAsync).ConfigureAwait(false);
        if (ids is null)
        {
            scope.Failed(type.Type, failure!);
            return [];
        }

        var read = await Task.WhenAll(ids.Distinct(StringComparer.Ordinal).Select(id => Read(api, scope, type, id))).ConfigureAwait(false);
        return [.. read.OfType<Resource>()];
    }

    private static async Task<Resource?> Read(DlmApi api, Scope scope, ResourceEntry type, string id)
    {
        var operation = api.Action("GetLifecyclePolicy");
        var (policy, failure, code) = await scope.Try(operation, c => api.GetLifecyclePolicyAsync(id, Policy, c)).ConfigureAwait(false);
        if (policy is not null)
        {
            return CloudFormationShaped.Read(scope, type, id, policy.Value.Properties, policy.Value.Arn, operation);
        }

        if (code == "ResourceNotFoundException")
        {
            return null; // deleted between the listing and the read
        }

        scope.FailedOnce(type.Type, operation, failure!);
        return CloudFormationShaped.Unread(scope, type, id, null, failure!);
    }

    private static (string? Arn, JsonObject Properties)? Policy(JsonElement policy)
    {
        const string What = "the policy";
        var id = JsonShape.String(policy, "PolicyId", What);
        var arn = JsonShape.OptionalString(policy, "PolicyArn", What);
        var properties = new JsonObject { ["Id"] = id };
        if (arn is not null)
        {
            properties["Arn"] = arn;
        }

        if (JsonShape.OptionalString(policy, "State", What) is { } state)
        {
            properties["State"] = state;
        }

        if (policy.TryGetProperty("PolicyDetails", out var details) && details.ValueKind != JsonValueKind.Null)
        {
            properties["PolicyDetails"] = JsonObject.Create(JsonShape.Object(details, "the `PolicyDetails` of " + What).Clone());
        }

        properties["Tags"] = CloudFormationShaped.TagList(Tags(policy));
        return (arn, properties);
    }

    /// <summary>The policy's <c>Tags</c> map, in key order; none when absent.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Tags(JsonElement policy)
    {
        if (!policy.TryGetProperty("Tags", out var tags) || tags.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return [.. JsonShape.Object(tags, "the `Tags` of the policy").EnumerateObject()
            .Select(t => KeyValuePair.Create(t.Name, JsonShape.OptionalString(tags, t.Name, "the `Tags` of the policy") ?? string.Empty))
            .OrderBy(t => t.Key, StringComparer.Ordinal)];
    }
}
