using System.Net;
using System.Text.Json.Nodes;

namespace Sec08Policy.Tests.Collect;

/// <summary>
/// The service APIs sec08 reads the types Cloud Control cannot read through, as their API references describe them:
/// DAX (<c>AmazonDAXV3.DescribeClusters</c>, <c>.ListTags</c>), FSx
/// (<c>AWSSimbaAPIService_v20180301.DescribeFileSystems</c>) and Glue (<c>AWSGlue.GetSecurityConfigurations</c>), all
/// JSON 1.1 paged by an opaque <c>NextToken</c>; and DLM, REST-JSON: <c>GET /policies</c> (summaries, unpaged) and
/// <c>GET /policies/{policyId}</c> (the policy, or 404 <c>ResourceNotFoundException</c>).
/// </summary>
internal sealed partial class AwsReplayServer
{
    /// <summary>Operations in a Region ("dax:DescribeClusters eu-west-1", as <see cref="Log"/> names calls) whose answers are cut short (not JSON).</summary>
    public HashSet<string> MalformedAnswers { get; } = [];

    private (int, string, string) Dax(ReplayAccount account, string region, HttpListenerRequest request, JsonNode? body) =>
        JsonOperation(account, region, request, "AmazonDAXV3", "dax", (operation, clusters) => operation switch
        {
            "DescribeClusters" when body?["MaxResults"]?.GetValue<int>() is < 20 or > 100 =>
                Json(400, "InvalidParameterValueException", "MaxResults must be between 20 and 100"),
            "DescribeClusters" => Paged(clusters.Select(c => (JsonNode)c.Item.DeepClone()).ToList(), "Clusters", body),
            "ListTags" => clusters.Find(c => c.Item["ClusterArn"]?.GetValue<string>() == body?["ResourceName"]?.GetValue<string>()) is { } cluster
                ? Paged([.. cluster.Tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })], "Tags", body)
                : Json(400, "ClusterNotFoundFault", "The requested cluster ID does not refer to an existing DAX cluster."),
            _ => null,
        });

    private (int, string, string) Fsx(ReplayAccount account, string region, HttpListenerRequest request, JsonNode? body) =>
        JsonOperation(account, region, request, "AWSSimbaAPIService_v20180301", "fsx", (operation, fileSystems) => operation == "DescribeFileSystems"
            ? Paged(fileSystems.Select(f => (JsonNode)f.Item.DeepClone()).ToList(), "FileSystems", body)
            : null);

    private (int, string, string) Glue(ReplayAccount account, string region, HttpListenerRequest request, JsonNode? body) =>
        JsonOperation(account, region, request, "AWSGlue", "glue", (operation, configurations) => operation switch
        {
            "GetSecurityConfigurations" when body?["MaxResults"]?.GetValue<int>() is < 1 or > 1000 =>
                Json(400, "InvalidInputException", "MaxResults must be between 1 and 1000"),
            "GetSecurityConfigurations" => Paged(configurations.Select(c => (JsonNode)c.Item.DeepClone()).ToList(), "SecurityConfigurations", body),
            _ => null,
        });

    /// <summary>
    /// One JSON 1.1 operation of <paramref name="service"/>: the content type and target checked, the call logged,
    /// refusals and malformed answers applied, then <paramref name="answer"/> with the account's resources of the
    /// service in the Region (null: no such operation).
    /// </summary>
    private (int, string, string) JsonOperation(
        ReplayAccount account, string region, HttpListenerRequest request, string prefix, string service,
        Func<string, List<ReplayApiResource>, (int, string, string)?> answer)
    {
        var target = request.Headers["X-Amz-Target"] ?? string.Empty;
        var operation = target.StartsWith(prefix + ".", StringComparison.Ordinal) ? target[(prefix.Length + 1)..] : string.Empty;
        if (request.HttpMethod != "POST" || request.Url!.AbsolutePath != "/" || request.ContentType != "application/x-amz-json-1.1")
        {
            return Json(400, "UnknownOperationException", $"unknown operation `{target}`");
        }

        if (Refusal(account, region, service, operation, "application/x-amz-json-1.1", "{\"NextToken\":") is { } refused)
        {
            return refused;
        }

        return answer(operation, account.ApiResources.FindAll(r => r.Service == service && r.Region == region))
            ?? Json(400, "UnknownOperationException", $"unknown operation `{target}`");
    }

    /// <summary>Logs the call; then its throttling or denial, or its answer cut short to <paramref name="cutShort"/>; null to go on.</summary>
    private (int, string, string)? Refusal(ReplayAccount account, string region, string service, string operation, string contentType, string cutShort)
    {
        Log.Enqueue($"{service}:{operation} {region}");
        return Refused(account, $"{service}:{operation}") ?? (MalformedAnswers.Contains($"{service}:{operation} {region}") ? (200, contentType, cutShort) : null);
    }

    /// <summary>A page of <paramref name="items"/> under <paramref name="member"/>, at most <see cref="PageSize"/>, with the next page's token.</summary>
    private (int, string, string) Paged(List<JsonNode> items, string member, JsonNode? body)
    {
        if (!Offset(body?["NextToken"], out var start))
        {
            return Json(400, "InvalidNextTokenException", "The NextToken is not valid.");
        }

        var page = items.Skip(start).Take(PageSize).ToList();
        var answer = new JsonObject { [member] = new JsonArray([.. page]) };
        if (start + page.Count < items.Count)
        {
            answer["NextToken"] = Token(start + page.Count);
        }

        return Json(answer);
    }

    private (int, string, string) Dlm(ReplayAccount account, string region, HttpListenerRequest request)
    {
        var path = request.Url!.AbsolutePath;
        var operation = path == "/policies" ? "GetLifecyclePolicies" : path.StartsWith("/policies/", StringComparison.Ordinal) ? "GetLifecyclePolicy" : string.Empty;
        if (request.HttpMethod != "GET" || operation.Length == 0 || request.Url.Query.Length > 0)
        {
            return Json(404, "UnknownOperationException", $"no route for {request.HttpMethod} {path}");
        }

        if (Refusal(account, region, "dlm", operation, "application/json", "{\"Policies\":[{\"PolicyId\":") is { } refused)
        {
            return refused;
        }

        var policies = account.ApiResources.FindAll(r => r.Service == "dlm" && r.Region == region);
        if (operation == "GetLifecyclePolicies")
        {
            return (200, "application/json", new JsonObject
            {
                ["Policies"] = new JsonArray([.. policies.Select(p => (JsonNode)new JsonObject
                {
                    ["PolicyId"] = p.Item["PolicyId"]!.DeepClone(),
                    ["Description"] = p.Item["Description"]?.DeepClone(),
                    ["State"] = p.Item["State"]?.DeepClone(),
                    ["Tags"] = p.Item["Tags"]?.DeepClone(),
                    ["PolicyType"] = p.Item["PolicyDetails"]?["PolicyType"]?.DeepClone(),
                    ["DefaultPolicy"] = false,
                })]),
            }.ToJsonString());
        }

        var id = Uri.UnescapeDataString(path["/policies/".Length..]);
        return policies.Find(p => p.Item["PolicyId"]?.GetValue<string>() == id) is { } policy
            ? (200, "application/json", new JsonObject { ["Policy"] = policy.Item.DeepClone() }.ToJsonString())
            : Json(404, "ResourceNotFoundException", $"Policy {id} not found");
    }
}
