using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Sec08Policy.Tests.Collect;

/// <summary>
/// AWS Cloud Control API, JSON 1.0 (<c>X-Amz-Target: CloudApiService.ListResources</c> / <c>GetResource</c>), as the
/// API reference describes it: descriptions whose <c>Properties</c> is a JSON document serialised as a string, pages
/// by an opaque <c>NextToken</c>, errors as <c>{"__type", "Message"}</c>.
/// </summary>
internal sealed partial class AwsReplayServer
{
    /// <summary>Types whose ListResources answer is cut short (not JSON).</summary>
    public HashSet<string> MalformedListings { get; } = [];

    /// <summary>Types whose list handler needs a parent's property in <c>ResourceModel</c>, as API Gateway stages do.</summary>
    private static readonly Dictionary<string, string> s_listParents = new(StringComparer.Ordinal) { ["AWS::ApiGateway::Stage"] = "RestApiId" };

    private (int, string, string) CloudControl(ReplayAccount account, string region, HttpListenerRequest request, JsonNode? body)
    {
        const string Version = "1.0";
        var target = request.Headers["X-Amz-Target"] ?? string.Empty;
        if (request.ContentType != "application/x-amz-json-1.0" || !target.StartsWith("CloudApiService.", StringComparison.Ordinal))
        {
            return Json(400, "UnknownOperationException", $"unknown operation `{target}`", Version);
        }

        var operation = target["CloudApiService.".Length..];
        var typeName = body?["TypeName"]?.GetValue<string>() ?? string.Empty;
        Log.Enqueue($"cloudcontrolapi:{operation} {region} {typeName}");
        if (Refused(account, $"cloudformation:{operation}", Version) is { } refused)
        {
            return refused;
        }

        var resources = account.CloudResources.FindAll(r => r.Region == region && r.TypeName == typeName);
        switch (operation)
        {
            case "ListResources":
                {
                    if (MalformedListings.Contains(typeName))
                    {
                        return (200, "application/x-amz-json-1.0", "{\"TypeName\":\"" + typeName + "\",\"ResourceDescriptions\":[{\"Identifier\":");
                    }

                    if (!Offset(body?["NextToken"], out var start))
                    {
                        return Json(400, "InvalidRequestException", "the NextToken is not one this service gave", Version);
                    }

                    if (s_listParents.TryGetValue(typeName, out var parent))
                    {
                        // The model is a JSON document serialised as a string; the list handler reads the parent from it.
                        var model = body?["ResourceModel"]?.GetValue<string>() is { } text ? JsonNode.Parse(text) : null;
                        if (model?[parent]?.GetValue<string>() is not { } parentId)
                        {
                            return Json(400, "InvalidRequestException", $"Missing or invalid ResourceModel property in {typeName} list handler request input: '{parent}'", Version);
                        }

                        resources = resources.FindAll(r => r.Properties[parent]?.GetValue<string>() == parentId);
                    }

                    var page = resources.Skip(start).Take(PageSize).ToList();
                    var answer = new JsonObject
                    {
                        ["TypeName"] = typeName,
                        // List handlers may give the primary identifier alone: so do these.
                        ["ResourceDescriptions"] = new JsonArray([.. page.Select(r => (JsonNode)new JsonObject
                        {
                            ["Identifier"] = r.Identifier,
                            ["Properties"] = new JsonObject { ["Id"] = r.Identifier }.ToJsonString(),
                        })]),
                    };
                    if (start + page.Count < resources.Count)
                    {
                        answer["NextToken"] = Token(start + page.Count);
                    }

                    return Json(answer, Version);
                }

            case "GetResource":
                {
                    var identifier = body?["Identifier"]?.GetValue<string>();
                    var resource = resources.Find(r => r.Identifier == identifier);
                    if (resource is null)
                    {
                        return Json(400, "ResourceNotFoundException", $"{typeName} with identifier {identifier} was not found", Version);
                    }

                    return resource.Malformed
                        ? (200, "application/x-amz-json-1.0", "{\"TypeName\":\"" + typeName + "\",\"ResourceDescription\":{\"Identifier\":\"" + identifier + "\",\"Properties\":")
                        : Json(new JsonObject
                        {
                            ["TypeName"] = typeName,
                            ["ResourceDescription"] = new JsonObject { ["Identifier"] = resource.Identifier, ["Properties"] = resource.Properties.ToJsonString() },
                        }, Version);
                }

            default:
                return Json(400, "UnknownOperationException", $"unknown operation `{target}`", Version);
        }
    }

    /// <summary>An opaque page token, as AWS's are to the caller.</summary>
    private static string Token(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("replay-page:" + offset.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The offset a token stands for; 0 for no token; false for a token this server did not give.</summary>
    private static bool Offset(JsonNode? token, out int offset)
    {
        offset = 0;
        if (token is null)
        {
            return true;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token.GetValue<string>()));
            return text.StartsWith("replay-page:", StringComparison.Ordinal) && int.TryParse(text["replay-page:".Length..], CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
