using System.Text;
using System.Text.Json.Nodes;

namespace Sec08Policy.Compiler.Emit.Config;

/// <summary>
/// A property of a configuration item, such as <c>configuration.kmsKeyId</c>: written as a Guard query, and set in a
/// sample item. A segment that is a number is a list index.
/// </summary>
internal sealed record ItemPath(params string[] Segments)
{
    public static ItemPath Parse(string dotted) => new(dotted.Split('.'));

    /// <summary>A path of the resource catalogue (<c>configuration.x</c>, <c>supplementaryConfiguration.Y.z</c>).</summary>
    public static ItemPath Of(Sec08Policy.Engine.Catalog.Resources.PropertyPath path) => new([.. path.Segments]);

    /// <summary>The Guard query: names that are not plain identifiers are quoted, indexes are <c>[n]</c>.</summary>
    public string Guard
    {
        get
        {
            var builder = new StringBuilder();
            foreach (var segment in Segments)
            {
                if (int.TryParse(segment, out var index))
                {
                    builder.Append('[').Append(index).Append(']');
                }
                else if (segment.Length > 0 && (char.IsAsciiLetter(segment[0]) || segment[0] == '_') && segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                {
                    builder.Append(builder.Length == 0 ? string.Empty : ".").Append(segment);
                }
                else
                {
                    builder.Append('[').Append(GuardText.String(segment)).Append(']');
                }
            }

            return builder.ToString();
        }
    }

    /// <summary>Sets the property in a sample item, creating the objects and lists on the way.</summary>
    public void Set(JsonObject item, JsonNode? value)
    {
        JsonNode current = item;
        for (var i = 0; i < Segments.Length; i++)
        {
            var last = i == Segments.Length - 1;
            var nextIsIndex = !last && int.TryParse(Segments[i + 1], out _);
            current = current switch
            {
                JsonObject map when last => Assign(map, Segments[i], value),
                JsonObject map => map[Segments[i]] ??= nextIsIndex ? new JsonArray() : new JsonObject(),
                JsonArray list => Element(list, int.Parse(Segments[i]), last ? value : nextIsIndex ? new JsonArray() : new JsonObject()),
                _ => throw new InvalidOperationException($"cannot set `{string.Join('.', Segments)}`"),
            };
        }
    }

    /// <summary>Removes the property from a sample item, if it is there.</summary>
    public void Remove(JsonObject item)
    {
        JsonNode? current = item;
        for (var i = 0; i < Segments.Length - 1 && current is not null; i++)
        {
            current = current is JsonObject map ? map[Segments[i]] : current is JsonArray list && int.TryParse(Segments[i], out var n) && n < list.Count ? list[n] : null;
        }

        (current as JsonObject)?.Remove(Segments[^1]);
    }

    private static JsonObject Assign(JsonObject map, string name, JsonNode? value)
    {
        map[name] = value;
        return map;
    }

    private static JsonNode Element(JsonArray list, int index, JsonNode? fresh)
    {
        while (list.Count <= index)
        {
            list.Add(null);
        }

        return list[index] ??= fresh!;
    }

    public override string ToString() => Guard;
}
