using Sec08Policy.Compiler.Text;
using Sprache;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>
/// Tokens. Each token parser matches at the current offset, records the span of exactly its own characters and then
/// skips the trivia (white space and comments) that follows, so spans never include trivia.
/// </summary>
internal static class Tokens
{
    /// <summary>Separates the descriptor ID from the message in a failure this grammar raises on purpose.</summary>
    internal const char IdSeparator = '\u001f';

    /// <summary>Skips white space, <c>// line</c> and <c>/* block */</c> comments.</summary>
    internal static readonly Parser<int> Trivia = input =>
    {
        var text = input.Source;
        var pos = input.Position;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (char.IsWhiteSpace(c))
            {
                pos++;
            }
            else if (c == '/' && pos + 1 < text.Length && text[pos + 1] == '/')
            {
                while (pos < text.Length && text[pos] is not ('\n' or '\r'))
                {
                    pos++;
                }
            }
            else if (c == '/' && pos + 1 < text.Length && text[pos + 1] == '*')
            {
                var end = text.IndexOf("*/", pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return Fail<int>(input.Source, pos, "SP1003", "block comment is not closed before the end of the file");
                }

                pos = end + 2;
            }
            else
            {
                break;
            }
        }

        return Result.Success(pos, At(input.Source, pos));
    };

    internal static readonly Parser<IdentifierSyntax> Identifier = input =>
    {
        var text = input.Source;
        var start = input.Position;
        if (start >= text.Length || !SyntaxFacts.IsIdentifierStart(text[start]))
        {
            return Expected<IdentifierSyntax>(input, "name");
        }

        var end = start + 1;
        while (end < text.Length && SyntaxFacts.IsIdentifierPart(text[end]))
        {
            end++;
        }

        return Token(input, end, new IdentifierSyntax(text[start..end], TextSpan.FromBounds(start, end)));
    };

    internal static readonly Parser<StringLiteralSyntax> StringLiteral = input =>
    {
        var text = input.Source;
        var start = input.Position;
        if (start >= text.Length || text[start] != '"')
        {
            return Expected<StringLiteralSyntax>(input, "string");
        }

        var value = new System.Text.StringBuilder();
        var pos = start + 1;
        while (true)
        {
            if (pos >= text.Length || text[pos] is '\n' or '\r')
            {
                return Fail<StringLiteralSyntax>(text, start, "SP1002", "string is not closed before the end of the line");
            }

            var c = text[pos];
            if (c == '"')
            {
                break;
            }

            if (c == '\\')
            {
                var escaped = pos + 1 < text.Length ? text[pos + 1] : '\0';
                switch (escaped)
                {
                    case '"': value.Append('"'); break;
                    case '\\': value.Append('\\'); break;
                    case 'n': value.Append('\n'); break;
                    case 't': value.Append('\t'); break;
                    default:
                        return Fail<StringLiteralSyntax>(text, pos, "SP1001", "unknown escape sequence in string; expected \\\", \\\\, \\n or \\t");
                }

                pos += 2;
                continue;
            }

            value.Append(c);
            pos++;
        }

        var end = pos + 1;
        return Token(input, end, new StringLiteralSyntax(value.ToString(), TextSpan.FromBounds(start, end)));
    };

    internal static readonly Parser<NumberLiteralSyntax> Number = input =>
    {
        var text = input.Source;
        var start = input.Position;
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        if (end == start || (end < text.Length && SyntaxFacts.IsIdentifierPart(text[end])))
        {
            return Expected<NumberLiteralSyntax>(input, "number");
        }

        return Token(input, end, new NumberLiteralSyntax(text[start..end], TextSpan.FromBounds(start, end)));
    };

    /// <summary><c>YYYY-MM-DD</c> optionally followed by <c>THH:MM[:SS]Z</c>; the binder checks that the date is real.</summary>
    internal static readonly Parser<DateLiteralSyntax> Date = input =>
    {
        var text = input.Source;
        var start = input.Position;
        var end = start;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or ':'))
        {
            end++;
        }

        var candidate = text[start..end];
        if (!IsDateShape(candidate))
        {
            return Expected<DateLiteralSyntax>(input, "date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)");
        }

        return Token(input, end, new DateLiteralSyntax(candidate, TextSpan.FromBounds(start, end)));
    };

    /// <summary><c>service:Action</c> with <c>*</c> and <c>?</c> wildcards, or a lone <c>*</c>.</summary>
    internal static readonly Parser<ActionSyntax> ActionToken = input =>
    {
        var text = input.Source;
        var start = input.Position;
        var end = start;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or '_' or '*' or '?' or ':'))
        {
            end++;
        }

        if (end == start)
        {
            return Expected<ActionSyntax>(input, "action (service:Action)");
        }

        return Token(input, end, new ActionSyntax(text[start..end], TextSpan.FromBounds(start, end)));
    };

    /// <summary>A word that must not run on into an identifier: <c>key</c> does not match <c>keys</c>.</summary>
    internal static Parser<TextSpan> Keyword(string word)
    {
        string[] expected = [$"`{word}`"];
        return input =>
    {
        var text = input.Source;
        var start = input.Position;
        var end = start + word.Length;
        if (end <= text.Length
            && string.CompareOrdinal(text, start, word, 0, word.Length) == 0
            && (end == text.Length || !SyntaxFacts.IsIdentifierPart(text[end])))
        {
            return Token(input, end, new TextSpan(start, word.Length));
        }

        return Result.Failure<TextSpan>(input, string.Empty, expected);
    };
    }

    /// <summary>Several keywords in a row, such as <c>deletion window</c>; the span covers all of them.</summary>
    internal static Parser<TextSpan> Keywords(string words)
    {
        var parts = words.Split(' ');
        var parser = Keyword(parts[0]);
        foreach (var part in parts.Skip(1))
        {
            var next = Keyword(part);
            parser = from first in parser from last in next select TextSpan.FromBounds(first.Start, last.End);
        }

        return parser;
    }

    internal static Parser<TextSpan> Symbol(string symbol)
    {
        string[] expected = [$"`{symbol}`"];
        return input =>
    {
        var text = input.Source;
        var start = input.Position;
        var end = start + symbol.Length;
        if (end <= text.Length && string.CompareOrdinal(text, start, symbol, 0, symbol.Length) == 0)
        {
            return Token(input, end, new TextSpan(start, symbol.Length));
        }

        return Result.Failure<TextSpan>(input, string.Empty, expected);
    };
    }

    internal static IInput At(string source, int position) => new ParserInput(source, position);

    /// <summary>Succeeds with <paramref name="value"/> after skipping the trivia that follows offset <paramref name="end"/>.</summary>
    private static IResult<T> Token<T>(IInput input, int end, T value)
    {
        var trivia = Trivia(At(input.Source, end));
        return trivia.WasSuccessful
            ? Result.Success(value, trivia.Remainder)
            : Result.Failure<T>(trivia.Remainder, trivia.Message, trivia.Expectations);
    }

    internal static IResult<T> Expected<T>(IInput input, string expectation) =>
        Result.Failure<T>(input, string.Empty, [expectation]);

    /// <summary>A failure that maps to a specific diagnostic rather than the generic "unexpected" one.</summary>
    internal static IResult<T> Fail<T>(string source, int position, string id, string message) =>
        Result.Failure<T>(At(source, position), id + IdSeparator + message, []);

    private static bool IsDateShape(string s)
    {
        static bool Digits(string s, int start, int count)
        {
            for (var i = start; i < start + count; i++)
            {
                if (!char.IsAsciiDigit(s[i]))
                {
                    return false;
                }
            }

            return true;
        }

        if (s.Length < 10 || !Digits(s, 0, 4) || s[4] != '-' || !Digits(s, 5, 2) || s[7] != '-' || !Digits(s, 8, 2))
        {
            return false;
        }

        return s.Length switch
        {
            10 => true,
            17 => s[10] == 'T' && Digits(s, 11, 2) && s[13] == ':' && Digits(s, 14, 2) && s[16] == 'Z',
            20 => s[10] == 'T' && Digits(s, 11, 2) && s[13] == ':' && Digits(s, 14, 2) && s[16] == ':' && Digits(s, 17, 2) && s[19] == 'Z',
            _ => false,
        };
    }
}
