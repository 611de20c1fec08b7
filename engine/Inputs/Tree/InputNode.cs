using System.Collections.Immutable;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Tree;

/// <summary>
/// A JSON or YAML value with its position, so every resource and every problem can point at its line and column.
/// <see cref="Tag"/> holds a YAML local tag such as <c>!Ref</c>.
/// </summary>
public abstract record InputNode(SourcePosition Position, string? Tag);

public sealed record MappingNode(ImmutableArray<KeyValuePair<string, InputNode>> Entries, SourcePosition Position, string? Tag = null)
    : InputNode(Position, Tag)
{
    /// <summary>The value of a key; <paramref name="ignoreCase"/> for AWS Config, whose property casing varies.</summary>
    public InputNode? Get(string key, bool ignoreCase = false)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key, key, comparison))
            {
                return entry.Value;
            }
        }

        return null;
    }
}

public sealed record SequenceNode(ImmutableArray<InputNode> Items, SourcePosition Position, string? Tag = null) : InputNode(Position, Tag);

public enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}

public sealed record ScalarNode(string? Text, ScalarKind Kind, SourcePosition Position, string? Tag = null) : InputNode(Position, Tag)
{
    public bool? AsBoolean => Kind == ScalarKind.Boolean || Kind == ScalarKind.String
        ? (string.Equals(Text, "true", StringComparison.OrdinalIgnoreCase) ? true : string.Equals(Text, "false", StringComparison.OrdinalIgnoreCase) ? false : null)
        : null;

    public int? AsInt => int.TryParse(Text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
}
