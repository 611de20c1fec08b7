namespace Sec08Policy.Engine.Catalog;

/// <summary>
/// Finds the members of a JSON object written one member per line, as the catalogue generator writes each service:
/// <c>  "name": {...},</c>. Finding line ends is a vectorized byte search, where tokenizing the 2 MB action catalogue
/// to skip the services a command does not need cost more than the rest of <c>check</c>'s catalogue work. Any other
/// layout is declined, and the caller reads the object with <see cref="System.Text.Json.Utf8JsonReader"/>; a member's
/// value is still validated by the reader that parses it.
/// </summary>
internal static class MemberLines
{
    /// <summary>
    /// Reads the object starting at <paramref name="objectStart"/> (its <c>{</c>), which must be the last member of the
    /// document: after its closing line only the document's closing brace may follow.
    /// </summary>
    /// <returns>Each member's name and the extent of its value, or null when the layout is not one member per line.</returns>
    public static Dictionary<string, Range>? TryRead(ReadOnlySpan<byte> utf8, int objectStart)
    {
        var members = new Dictionary<string, Range>(StringComparer.OrdinalIgnoreCase);
        var position = objectStart + 1;
        if (!NextLine(utf8, ref position, out var first) || !utf8[first].Trim(" \t\r"u8).IsEmpty)
        {
            return null;
        }

        while (NextLine(utf8, ref position, out var line))
        {
            var text = utf8[line];
            var indent = text.Length - text.TrimStart(" \t"u8).Length;
            var trimmed = text.Trim(" \t\r"u8);
            if (trimmed.SequenceEqual("}"u8))
            {
                return utf8[position..].Trim(" \t\r\n"u8).SequenceEqual("}"u8) ? members : null;
            }

            if (!TryMember(trimmed, out var name, out var valueStart, out var valueLength))
            {
                return null;
            }

            var start = line.Start.Value + indent + valueStart;
            members[name] = start..(start + valueLength);
        }

        return null;
    }

    /// <summary><c>"name": {...}</c> or <c>"name": {...},</c> with a name free of escapes.</summary>
    private static bool TryMember(ReadOnlySpan<byte> line, out string name, out int valueStart, out int valueLength)
    {
        name = "";
        valueStart = valueLength = 0;
        if (line.Length < 6 || line[0] != (byte)'"')
        {
            return false;
        }

        var close = line[1..].IndexOfAny((byte)'"', (byte)'\\');
        if (close < 1 || line[close + 1] != (byte)'"' || !line[(close + 2)..].StartsWith(": {"u8))
        {
            return false;
        }

        var value = line[(close + 4)..];
        if (value[^1] == (byte)',')
        {
            value = value[..^1];
        }

        if (value.IsEmpty || value[^1] != (byte)'}')
        {
            return false;
        }

        name = System.Text.Encoding.UTF8.GetString(line.Slice(1, close));
        valueStart = close + 4;
        valueLength = value.Length;
        return true;
    }

    /// <summary>The extent of the line from <paramref name="position"/> to its line feed; moves past the line feed.</summary>
    private static bool NextLine(ReadOnlySpan<byte> utf8, ref int position, out Range line)
    {
        var end = utf8[position..].IndexOf((byte)'\n');
        if (end < 0)
        {
            line = default;
            return false;
        }

        line = position..(position + end);
        position += end + 1;
        return true;
    }
}
