using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>Finds the comments of a source text (outside strings), for the formatter.</summary>
public static class CommentScanner
{
    public static ImmutableArray<TextSpan> Scan(string text)
    {
        var comments = ImmutableArray.CreateBuilder<TextSpan>();
        var pos = 0;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == '"')
            {
                pos = SkipString(text, pos);
            }
            else if (c == '/' && pos + 1 < text.Length && text[pos + 1] == '/')
            {
                var end = pos;
                while (end < text.Length && text[end] is not ('\n' or '\r'))
                {
                    end++;
                }

                comments.Add(TextSpan.FromBounds(pos, end));
                pos = end;
            }
            else if (c == '/' && pos + 1 < text.Length && text[pos + 1] == '*')
            {
                var close = text.IndexOf("*/", pos + 2, StringComparison.Ordinal);
                var end = close < 0 ? text.Length : close + 2;
                comments.Add(TextSpan.FromBounds(pos, end));
                pos = end;
            }
            else
            {
                pos++;
            }
        }

        return comments.ToImmutable();
    }

    private static int SkipString(string text, int start)
    {
        var pos = start + 1;
        while (pos < text.Length && text[pos] is not ('"' or '\n' or '\r'))
        {
            pos += text[pos] == '\\' ? 2 : 1;
        }

        return Math.Min(pos + 1, text.Length);
    }
}
