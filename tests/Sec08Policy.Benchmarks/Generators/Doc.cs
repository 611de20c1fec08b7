using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sec08Policy.Benchmarks.Generators;

/// <summary>An ordered JSON/YAML object the generators build before writing it as JSON or YAML.</summary>
internal sealed class Obj : List<KeyValuePair<string, object?>>
{
    public void Add(string key, object? value) => Add(new KeyValuePair<string, object?>(key, value));
}

/// <summary>
/// A CloudFormation intrinsic function: <c>Ref</c>, <c>GetAtt</c> (argument: two strings), <c>Sub</c>, <c>If</c>,
/// <c>Equals</c>, <c>ImportValue</c>. YAML writes the short form (<c>!GetAtt Key.Arn</c>), JSON the long form.
/// </summary>
internal sealed record Fn(string Name, object? Argument);

/// <summary>Writes <see cref="Obj"/> trees (strings, numbers, Booleans, null, arrays, <see cref="Fn"/>) as JSON or YAML.</summary>
internal static class Doc
{
    public static object?[] List(params object?[] items) => items;

    public static Obj Empty() => [];

    public static void WriteJson(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case int number:
                json.WriteNumberValue(number);
                break;
            case long number:
                json.WriteNumberValue(number);
                break;
            case Obj map:
                json.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    json.WritePropertyName(key);
                    WriteJson(json, item);
                }

                json.WriteEndObject();
                break;
            case object?[] list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteJson(json, item);
                }

                json.WriteEndArray();
                break;
            case Fn fn:
                json.WriteStartObject();
                json.WritePropertyName(fn.Name == "Ref" ? "Ref" : "Fn::" + fn.Name);
                WriteJson(json, fn.Argument);
                json.WriteEndObject();
                break;
            default:
                throw new ArgumentException($"cannot write a {value.GetType().Name}", nameof(value));
        }
    }

    /// <summary>Writes the entries of a mapping in block style at <paramref name="indent"/>.</summary>
    public static void WriteYamlEntries(TextWriter yaml, Obj map, int indent, bool firstInline = false)
    {
        var first = true;
        foreach (var (key, value) in map)
        {
            if (!(first && firstInline))
            {
                yaml.Write(new string(' ', indent));
            }

            first = false;
            yaml.Write(Scalar(key, flow: false));
            yaml.Write(':');
            WriteYamlValue(yaml, value, indent);
        }
    }

    /// <summary>Writes a value after <c>key:</c> (or <c>-</c>): inline when it fits on the line, else as a nested block.</summary>
    private static void WriteYamlValue(TextWriter yaml, object? value, int indent)
    {
        switch (value)
        {
            case Obj { Count: > 0 } map:
                yaml.Write('\n');
                WriteYamlEntries(yaml, map, indent + 2);
                break;
            case object?[] { Length: > 0 } list when !IsFlowList(list):
                yaml.Write('\n');
                foreach (var item in list)
                {
                    yaml.Write(new string(' ', indent + 2));
                    yaml.Write('-');
                    if (item is Obj { Count: > 0 } element)
                    {
                        yaml.Write(' ');
                        WriteYamlEntries(yaml, element, indent + 4, firstInline: true);
                    }
                    else
                    {
                        WriteYamlValue(yaml, item, indent + 2);
                    }
                }

                break;
            default:
                yaml.Write(' ');
                yaml.Write(Inline(value, flow: false));
                yaml.Write('\n');
                break;
        }
    }

    private static bool IsFlowList(object?[] list) => list.All(i => i is not (Obj or object?[]) || i is Obj { Count: 0 } || i is object?[] { Length: 0 });

    private static string Inline(object? value, bool flow) => value switch
    {
        null => "null",
        string text => Scalar(text, flow),
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        Obj { Count: 0 } => "{}",
        object?[] list => "[" + string.Join(", ", list.Select(i => Inline(i, flow: true))) + "]",
        Fn { Name: "GetAtt", Argument: object?[] { Length: 2 } getAtt } => $"!GetAtt {getAtt[0]}.{getAtt[1]}",
        Fn fn => $"!{fn.Name} {Inline(fn.Argument, flow)}",
        _ => throw new ArgumentException($"cannot write a {value.GetType().Name} inline", nameof(value)),
    };

    /// <summary>A plain scalar when YAML reads it back as the same string, else a double-quoted one.</summary>
    private static string Scalar(string text, bool flow)
    {
        return NeedsQuotes(text, flow) ? Quote(text) : text;

        static string Quote(string text)
        {
            var quoted = new StringBuilder(text.Length + 2).Append('"');
            foreach (var c in text)
            {
                _ = c switch
                {
                    '"' => quoted.Append("\\\""),
                    '\\' => quoted.Append("\\\\"),
                    '\n' => quoted.Append("\\n"),
                    _ => quoted.Append(c),
                };
            }

            return quoted.Append('"').ToString();
        }
    }

    private static bool NeedsQuotes(string text, bool flow)
    {
        if (text.Length == 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || "-?:,[]{}#&*!|>'\"%@`".Contains(text[0]))
        {
            return true;
        }

        if (text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal) || text.EndsWith(':') || text.Contains('\n'))
        {
            return true;
        }

        if (flow && text.AsSpan().IndexOfAny(",[]{}") >= 0)
        {
            return true;
        }

        // Words and numbers YAML would read as another type, and dates.
        return text is "true" or "false" or "True" or "False" or "TRUE" or "FALSE" or "yes" or "no" or "on" or "off" or "null" or "Null" or "NULL" or "~"
            || (char.IsAsciiDigit(text[0]) && text.All(c => char.IsAsciiDigit(c) || c is '.' or '-' or ':' or 'e' or 'E' or '+'));
    }
}
