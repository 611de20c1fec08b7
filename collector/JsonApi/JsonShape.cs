using System.Text.Json;

namespace Sec08Policy.Collector.JsonApi;

/// <summary>Reads the members of an answer, refusing one of the wrong shape with <see cref="MalformedResponseException"/>.</summary>
internal static class JsonShape
{
    public static JsonElement Object(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Object ? element : throw new MalformedResponseException($"{what} is not an object");

    /// <summary>A required object member.</summary>
    public static JsonElement Object(JsonElement parent, string name, string what) =>
        parent.TryGetProperty(name, out var value) ? Object(value, $"`{name}` of {what}") : throw new MalformedResponseException($"{what} has no `{name}`");

    /// <summary>A required string member.</summary>
    public static string String(JsonElement parent, string name, string what) =>
        OptionalString(parent, name, what) ?? throw new MalformedResponseException($"{what} has no `{name}`");

    /// <summary>A string member; null when absent or null.</summary>
    public static string? OptionalString(JsonElement parent, string name, string what) =>
        !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString()
            : throw new MalformedResponseException($"`{name}` of {what} is not a string");

    /// <summary>A tag as most JSON APIs give one: <c>{"Key": ..., "Value": ...}</c> (a missing value is empty).</summary>
    public static KeyValuePair<string, string> Tag(JsonElement tag) =>
        new(String(Object(tag, "a tag"), "Key", "a tag"), OptionalString(tag, "Value", "a tag") ?? string.Empty);

    /// <summary>The items of a list member; none when absent or null.</summary>
    public static JsonElement.ArrayEnumerator Array(JsonElement parent, string name, string what) =>
        !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? default
            : value.ValueKind == JsonValueKind.Array ? value.EnumerateArray()
            : throw new MalformedResponseException($"`{name}` of {what} is not a list");
}
