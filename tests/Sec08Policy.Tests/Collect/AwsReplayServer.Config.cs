using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sec08Policy.Tests.Collect;

/// <summary>
/// AWS Config advanced query, JSON 1.1 (<c>X-Amz-Target: StarlingDoveService.SelectResourceConfig</c> and
/// <c>SelectAggregateResourceConfig</c>), as the API reference describes it: the expression's selected fields of each
/// matching configuration item, each result a JSON document serialised as a string, pages of at most <c>Limit</c>
/// (default 25) by an opaque <c>NextToken</c>. Only <c>resourceType = '...'</c> and <c>resourceType IN (...)</c>
/// conditions are understood; anything else is an InvalidExpressionException, as an expression Config rejects would be.
/// </summary>
internal sealed partial class AwsReplayServer
{
    /// <summary>Aggregators by name: the account that owns each and the accounts it covers (every Region of each).</summary>
    public Dictionary<string, (string Owner, string[] Accounts)> Aggregators { get; } = [];

    // The items a query matches, by query, so that paging through a large account stays linear.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<ReplayConfigItem>> _matches = new();

    /// <summary>Types whose query pages are cut short (not JSON).</summary>
    public HashSet<string> MalformedQueries { get; } = [];

    [GeneratedRegex(@"^\s*SELECT\s+(?<fields>.+?)\s+WHERE\s+resourceType\s*(=\s*'(?<type>[^']+)'|IN\s*\((?<types>[^)]*)\))\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Expression();

    private (int, string, string) Config(ReplayAccount account, string region, HttpListenerRequest request, JsonNode? body)
    {
        var target = request.Headers["X-Amz-Target"] ?? string.Empty;
        var operation = target.StartsWith("StarlingDoveService.", StringComparison.Ordinal) ? target["StarlingDoveService.".Length..] : string.Empty;
        if (request.ContentType != "application/x-amz-json-1.1" || operation is not ("SelectResourceConfig" or "SelectAggregateResourceConfig"))
        {
            return Json(400, "UnknownOperationException", $"unknown operation `{target}`");
        }

        var expression = body?["Expression"]?.GetValue<string>() ?? string.Empty;
        var match = Expression().Match(expression);
        var types = match.Groups["type"].Success
            ? [match.Groups["type"].Value]
            : match.Groups["types"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim('\'')).ToHashSet();
        Log.Enqueue($"config:{operation} {region} {string.Join(",", types)}");
        if (Refused(account, $"config:{operation}") is { } refused)
        {
            return refused;
        }

        if (!match.Success)
        {
            return Json(400, "InvalidExpressionException", "The syntax of the query is incorrect.");
        }

        var limit = body?["Limit"]?.GetValue<int>() ?? 0;
        if (limit is < 0 or > 100)
        {
            return Json(400, "InvalidLimitException", "The specified limit is outside the allowable range.");
        }

        var aggregatorName = body?["ConfigurationAggregatorName"]?.GetValue<string>();
        IEnumerable<ReplayConfigItem> items;
        if (operation == "SelectResourceConfig")
        {
            items = account.ConfigItems.Where(i => i.Region == region);
        }
        else if (Aggregators.TryGetValue(aggregatorName ?? string.Empty, out var aggregator) && aggregator.Owner == account.Id)
        {
            items = aggregator.Accounts.SelectMany(id => Accounts.Values.First(a => a.Id == id).ConfigItems);
        }
        else
        {
            return Json(400, "NoSuchConfigurationAggregatorException", "The configuration aggregator does not exist.");
        }

        if (types.Any(MalformedQueries.Contains))
        {
            return (200, "application/x-amz-json-1.1", "{\"Results\":[\"{\\\"resourceType\\\":");
        }

        if (!Offset(body?["NextToken"], out var start))
        {
            return Json(400, "InvalidNextTokenException", "The specified next token is not valid.");
        }

        var fields = match.Groups["fields"].Value.Split(',', StringSplitOptions.TrimEntries);
        var matching = _matches.GetOrAdd($"{operation}|{account.Id}|{region}|{aggregatorName}|{string.Join(",", types.Order(StringComparer.Ordinal))}", _ => [.. items.Where(i => types.Contains(i.ResourceType))]);
        var size = Math.Min(limit == 0 ? 25 : limit, PageSize);
        var page = matching.Skip(start).Take(size + 1).ToList(); // List.Skip indexes, it does not walk
        var answer = new JsonObject
        {
            ["Results"] = new JsonArray([.. page.Take(size).Select(i => (JsonNode)JsonValue.Create(i.Malformed ? "{\"resourceType\": \"" + i.ResourceType + "\", \"configuration\": {" : Selected(i.Item, fields)))]),
            ["QueryInfo"] = new JsonObject { ["SelectFields"] = new JsonArray([.. fields.Select(f => (JsonNode)new JsonObject { ["Name"] = f })]) },
        };
        if (page.Count > size)
        {
            answer["NextToken"] = Token(start + size);
        }

        return Json(answer);
    }

    /// <summary>The selected top-level fields of an item, as the JSON text of one result.</summary>
    private static string Selected(JsonObject item, string[] fields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var field in fields)
            {
                if (item.TryGetPropertyValue(field, out var value))
                {
                    json.WritePropertyName(field);
                    if (value is null)
                    {
                        json.WriteNullValue();
                    }
                    else
                    {
                        value.WriteTo(json);
                    }
                }
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
