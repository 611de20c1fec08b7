using System.Text.Json;

namespace Sec08Policy.Collector.JsonApi;

/// <summary>Reads the pages of the JSON-protocol listings that give a list member and a <c>NextToken</c>.</summary>
internal static class JsonPages
{
    /// <summary>
    /// The page in <paramref name="answer"/>: each element of the list <paramref name="member"/> (absent: none), read
    /// by <paramref name="read"/> while the document is open, and <c>NextToken</c>.
    /// </summary>
    public static Page<T> Of<T>(JsonDocument answer, string operation, string member, Func<JsonElement, T> read)
    {
        var what = $"the {operation} answer";
        var root = JsonShape.Object(answer.RootElement, what);
        var items = new List<T>();
        foreach (var item in JsonShape.Array(root, member, what))
        {
            items.Add(read(item));
        }

        return new Page<T>(items, JsonShape.OptionalString(root, "NextToken", what));
    }

    /// <summary>Writes the paging members of a request: the page size (null: the service's own) and, after the first page, the token.</summary>
    public static void Write(Utf8JsonWriter json, string? nextToken, int? maxResults)
    {
        if (maxResults is { } size)
        {
            json.WriteNumber("MaxResults", size);
        }

        if (nextToken is not null)
        {
            json.WriteString("NextToken", nextToken);
        }
    }
}
