using System.Text.Json;
using System.Text.Json.Nodes;
using Sec08Policy.Collector.JsonApi;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>
/// DAX clusters in one account and Region: every page of <c>DescribeClusters</c>, then <c>ListTags</c> per cluster.
/// The cluster's <c>SSEDescription.Status</c> becomes CloudFormation's <c>SSESpecification.SSEEnabled</c>: true when
/// <c>ENABLED</c>, false when <c>DISABLED</c>; any other status (<c>ENABLING</c>, <c>DISABLING</c>) or none leaves the
/// encryption Unknown, never taken as encrypted.
/// </summary>
internal static class DaxCollector
{
    public static async Task<List<Resource>> Collect(Scope scope, ResourceEntry type)
    {
        var api = scope.Clients.Dax(scope.Region);
        var clusters = await Pages.ReadAll(scope, type.Type, api.Action("DescribeClusters"), (token, c) => api.DescribeClustersAsync(token, Cluster, c)).ConfigureAwait(false) ?? [];
        return [.. await Task.WhenAll(clusters.Select(c => Read(api, scope, type, c))).ConfigureAwait(false)];
    }

    private static async Task<Resource> Read(DaxApi api, Scope scope, ResourceEntry type, DaxCluster cluster)
    {
        var operation = api.Action("ListTags");
        var (tags, failure) = await Pages.TryReadAll(scope, operation, (token, c) => api.ListTagsAsync(cluster.Arn, token, c)).ConfigureAwait(false);
        var properties = cluster.Properties;
        properties["Tags"] = new JsonObject([.. (tags ?? []).Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value)))]);
        var resource = CloudFormationShaped.Read(scope, type, cluster.Name, properties, cluster.Arn, api.Action("DescribeClusters"));
        if (failure is not null)
        {
            scope.FailedOnce(type.Type, operation, failure);
            resource = resource with { Tags = Scope.Tags(null, failure) };
        }

        return cluster.Undecided is { } reason ? resource with { Encryption = EncryptionState.Unknown(reason) } : resource;
    }

    /// <summary>A cluster of the answer in the CloudFormation shape (<c>AWS::DAX::Cluster</c>).</summary>
    private static DaxCluster Cluster(JsonElement element)
    {
        const string What = "a cluster";
        var cluster = JsonShape.Object(element, What);
        var name = JsonShape.String(cluster, "ClusterName", What);
        var arn = JsonShape.String(cluster, "ClusterArn", What);
        var status = cluster.TryGetProperty("SSEDescription", out var sse) && sse.ValueKind != JsonValueKind.Null
            ? JsonShape.OptionalString(JsonShape.Object(sse, "`SSEDescription` of a cluster"), "Status", "`SSEDescription` of a cluster")
            : null;
        var properties = new JsonObject { ["ClusterName"] = name, ["Arn"] = arn };
        if (status is "ENABLED" or "DISABLED")
        {
            properties["SSESpecification"] = new JsonObject { ["SSEEnabled"] = status == "ENABLED" };
            return new DaxCluster(name, arn, properties, null);
        }

        return new DaxCluster(name, arn, properties, status is null
            ? $"dax:DescribeClusters gives no server-side encryption status for `{name}`"
            : $"dax:DescribeClusters gives the server-side encryption of `{name}` as `{status}`, neither enabled nor disabled");
    }

    /// <summary>A cluster read: its name, ARN, CloudFormation-shaped properties, and why its encryption is Unknown, if it is.</summary>
    private sealed record DaxCluster(string Name, string Arn, JsonObject Properties, string? Undecided);
}
