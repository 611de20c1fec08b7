using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sec08Policy.Compiler.Emit.Deploy;

/// <summary>
/// Writes a JSON tree as block-style YAML. Strings are always double-quoted with JSON escapes (valid YAML, and no
/// value can change type, as <c>true</c> or <c>2012-10-17</c> would unquoted); keys are plain when they are simple names.
/// </summary>
internal static class YamlWriter
{

    public static string Write(JsonObject root)
    {
        var builder = new StringBuilder();
        WriteMapping(builder, root, 0);
        return builder.ToString();
    }

    private static void WriteMapping(StringBuilder builder, JsonObject mapping, int indent)
    {
        foreach (var (key, value) in mapping)
        {
            builder.Append(' ', indent).Append(Key(key)).Append(':');
            WriteValue(builder, value, indent);
        }
    }

    private static void WriteValue(StringBuilder builder, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: 0 }:
                builder.Append(" {}\n");
                break;
            case JsonObject mapping:
                builder.Append('\n');
                WriteMapping(builder, mapping, indent + 2);
                break;
            case JsonArray { Count: 0 }:
                builder.Append(" []\n");
                break;
            case JsonArray sequence:
                builder.Append('\n');
                foreach (var item in sequence)
                {
                    builder.Append(' ', indent + 2).Append('-');
                    if (item is JsonObject { Count: > 0 } itemMapping)
                    {
                        // The first key sits on the dash line; the rest align under it.
                        var first = true;
                        foreach (var (key, child) in itemMapping)
                        {
                            builder.Append(first ? " " : new string(' ', indent + 4)).Append(Key(key)).Append(':');
                            WriteValue(builder, child, indent + 4);
                            first = false;
                        }
                    }
                    else
                    {
                        WriteValue(builder, item, indent + 2);
                    }
                }

                break;
            case JsonValue text when text.TryGetValue<string>(out var lines) && IsLiteralBlock(lines):
                // Multi-line text (a Guard policy) as a literal block, so it reads as written.
                builder.Append(" |\n");
                foreach (var line in lines[..^1].Split('\n'))
                {
                    builder.Append(line.Length == 0 ? string.Empty : new string(' ', indent + 2) + line).Append('\n');
                }

                break;
            default:
                builder.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static string Scalar(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var text) => Quote(text),
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        JsonValue v when v.TryGetValue<int>(out var number) => number.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<long>(out var number) => number.ToString(CultureInfo.InvariantCulture),
        JsonValue v => v.ToJsonString(),
        _ => throw new InvalidOperationException($"unexpected YAML scalar {value.GetType().Name}"),
    };

    /// <summary>
    /// Text a literal block keeps exactly: ends with one line break, has no other control characters, does not start
    /// with a space (that would change the block's indentation) and has no line ending in a space.
    /// </summary>
    private static bool IsLiteralBlock(string text) =>
        text.Length > 1 && text[^1] == '\n' && text[^2] != '\n' && text[0] != ' '
        && !text.Any(c => (char.IsControl(c) && c != '\n') || c is '\u2028' or '\u2029' or '\uFEFF' || char.IsSurrogate(c))
        && text[..^1].Split('\n').All(line => line.Length == 0 || line[^1] != ' ');

    private static string Key(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') && char.IsAsciiLetter(key[0])
            ? key
            : Quote(key);

    /// <summary>A YAML double-quoted scalar: JSON's escapes are YAML's.</summary>
    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value + "\"";
}
