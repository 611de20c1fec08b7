using System.Text;

namespace Sec08Policy.Compiler.Emit.Config;

/// <summary>Literals of the Guard language: strings, lists and regular expressions.</summary>
internal static class GuardText
{
    /// <summary>A double-quoted Guard string.</summary>
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(String)) + "]";

    /// <summary>
    /// Text for a Guard regular expression <c>/.../</c> that matches <paramref name="text"/> literally: the delimiter and
    /// the metacharacters are escaped, nothing else (older regular expression engines reject other escapes).
    /// </summary>
    public static string Literal(string text)
    {
        var builder = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (c is '\\' or '.' or '+' or '*' or '?' or '(' or ')' or '|' or '[' or ']' or '{' or '}' or '^' or '$' or '/')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>A custom message: Guard ends one at <c>&gt;&gt;</c>, so none may appear inside.</summary>
    public static string Message(string text) => "<<" + text.Replace(">>", "> >", StringComparison.Ordinal).Replace('\n', ' ') + ">>";
}
