using System.Collections.Immutable;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Text;
using Sprache;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>
/// Drives the grammar one declaration at a time. A declaration that fails to parse becomes one diagnostic, and parsing
/// resumes at the next line that starts with a declaration keyword, so one run reports every broken declaration.
/// </summary>
internal static class Parser
{
    public static (CompilationUnitSyntax Root, ImmutableArray<Diagnostic> Diagnostics) Parse(SourceText source)
    {
        var text = source.Text;
        var diagnostics = new DiagnosticBag();
        var declarations = ImmutableArray.CreateBuilder<DeclarationSyntax>();

        var leading = Tokens.Trivia(Tokens.At(text, 0));
        var input = leading.WasSuccessful ? leading.Remainder : null;
        if (!leading.WasSuccessful)
        {
            diagnostics.Add(ToDiagnostic(source, leading.Remainder.Position, leading.Message, leading.Expectations));
        }

        while (input is not null && !input.AtEnd)
        {
            var start = input.Position;
            var word = DeclarationGrammar.WordAt(text, start);
            var parser = DeclarationGrammar.DeclarationFor(word);
            int failedAt;
            if (parser is null)
            {
                diagnostics.Add(UnknownDeclaration(source, start, word));
                failedAt = start;
            }
            else
            {
                var result = parser(input);
                if (result.WasSuccessful)
                {
                    declarations.Add(result.Value);
                    input = result.Remainder;
                    continue;
                }

                diagnostics.Add(ToDiagnostic(source, result.Remainder.Position, result.Message, result.Expectations));
                failedAt = result.Remainder.Position;
            }

            input = Recover(text, start, failedAt);
        }

        if (declarations.Count == 0 && !diagnostics.HasErrors)
        {
            diagnostics.Report(Descriptors.EmptyFile, new Location(source, new TextSpan(0, 0)));
        }

        var root = new CompilationUnitSyntax(declarations.ToImmutable(), new TextSpan(0, text.Length));
        return (root, diagnostics.ToImmutable());
    }

    /// <summary>The next line after the failed declaration's start that begins with a declaration keyword.</summary>
    private static IInput? Recover(string text, int declarationStart, int failedAt)
    {
        var position = declarationStart + 1;
        while (position < text.Length)
        {
            var lineBreak = text.IndexOfAny(['\n', '\r'], position);
            if (lineBreak < 0)
            {
                return null;
            }

            position = lineBreak + 1;
            if (position < text.Length && DeclarationGrammar.DeclarationFor(DeclarationGrammar.WordAt(text, position)) is not null
                && (position > failedAt || position == failedAt))
            {
                return Tokens.At(text, position);
            }
        }

        return null;
    }

    private static Diagnostic UnknownDeclaration(SourceText source, int position, string word)
    {
        if (word.Length == 0)
        {
            return Unexpected(source, position, []);
        }

        var location = new Location(source, new TextSpan(position, word.Length));
        var suggestion = NameSuggester.Suggest(word, SyntaxFacts.DeclarationKeywords);
        return Diagnostic.Create(Descriptors.UnknownDeclaration, location, word)
            .WithHelp(suggestion is null ? null : $"did you mean `{suggestion}`?");
    }

    private static Diagnostic ToDiagnostic(SourceText source, int position, string message, IEnumerable<string> expectations)
    {
        var separator = message.IndexOf(Tokens.IdSeparator, StringComparison.Ordinal);
        if (separator < 0)
        {
            return Unexpected(source, position, expectations);
        }

        var id = message[..separator];
        var descriptor = Descriptors.All.First(d => d.Id == id);
        var length = id == "SP1006" ? 1 : TokenLength(source.Text, position);
        return new Diagnostic(descriptor, new Location(source, new TextSpan(position, length)), message[(separator + 1)..]);
    }

    private static Diagnostic Unexpected(SourceText source, int position, IEnumerable<string> expectations)
    {
        var found = DescribeToken(source.Text, position);
        var expected = expectations.Where(e => e.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        var message = expected.Count == 0
            ? $"unexpected {found}"
            : $"unexpected {found}; expected {JoinAlternatives(expected)}";
        return Diagnostic.Create(Descriptors.UnexpectedToken, new Location(source, new TextSpan(position, TokenLength(source.Text, position))), message);
    }

    private static string JoinAlternatives(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items[..^1]) + " or " + items[^1];

    private static string DescribeToken(string text, int position)
    {
        if (position >= text.Length)
        {
            return "end of file";
        }

        var c = text[position];
        if (SyntaxFacts.IsIdentifierPart(c))
        {
            return $"`{DeclarationGrammar.WordAt(text, position)}`";
        }

        if (c == '"')
        {
            return "string";
        }

        // A character beyond U+FFFF (an emoji) is two UTF-16 units: name the code point, not its first half.
        if (System.Text.Rune.DecodeFromUtf16(text.AsSpan(position), out var rune, out _) != System.Buffers.OperationStatus.Done)
        {
            return $"character U+{(int)c:X4}";
        }

        return System.Text.Rune.IsControl(rune) || rune.Value == 0xFFFD || System.Text.Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format
            ? $"character U+{rune.Value:X4}"
            : rune.IsBmp ? $"`{rune}`" : $"`{rune}` (U+{rune.Value:X4})";
    }

    private static int TokenLength(string text, int position)
    {
        if (position >= text.Length)
        {
            return 0;
        }

        var word = DeclarationGrammar.WordAt(text, position);
        return word.Length > 0 ? word.Length : System.Text.Rune.DecodeFromUtf16(text.AsSpan(position), out var rune, out _) == System.Buffers.OperationStatus.Done ? rune.Utf16SequenceLength : 1;
    }
}
