using System.Collections.Frozen;
using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;
using Sprache;
using static Sec08Policy.Compiler.Syntax.MemberGrammar;
using static Sec08Policy.Compiler.Syntax.Tokens;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>Top-level declarations: <c>import "file"</c> and the block declarations.</summary>
internal static class DeclarationGrammar
{
    internal static readonly Parser<DeclarationSyntax> Import =
        from keyword in Keyword("import")
        from path in StringLiteral
        select (DeclarationSyntax)new ImportDeclarationSyntax(path, TextSpan.FromBounds(keyword.Start, path.Span.End));

    private static readonly FrozenDictionary<string, Parser<DeclarationSyntax>> s_declarations =
        new Dictionary<string, Parser<DeclarationSyntax>>
        {
            ["import"] = Import,
            ["policy"] = BlockDeclaration(DeclarationKind.Policy),
            ["classification"] = BlockDeclaration(DeclarationKind.Classification),
            ["key"] = BlockDeclaration(DeclarationKind.Key),
            ["require"] = BlockDeclaration(DeclarationKind.Requirement),
            ["allow"] = BlockDeclaration(DeclarationKind.Allow),
            ["deny"] = BlockDeclaration(DeclarationKind.Deny),
            ["waive"] = BlockDeclaration(DeclarationKind.Waiver),
            ["perimeter"] = BlockDeclaration(DeclarationKind.Perimeter),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The parser for the declaration introduced by <paramref name="keyword"/>, or null.</summary>
    internal static Parser<DeclarationSyntax>? DeclarationFor(string keyword) =>
        s_declarations.GetValueOrDefault(keyword);

    private static Parser<DeclarationSyntax> BlockDeclaration(DeclarationKind kind)
    {
        var name = kind == DeclarationKind.Policy
            ? StringLiteral.Select(s => (SyntaxNode)s)
            : Identifier.Select(id => (SyntaxNode)id);
        var services = kind == DeclarationKind.Requirement
            ? from word in Keyword("for") from list in NameList select list
            : Parse.Return(ImmutableArray<IdentifierSyntax>.Empty);
        var members = Members(kind);

        return
            from keyword in Keyword(SyntaxFacts.GetKeywordText(kind))
            from declared in name
            from serviceList in services
            from open in Symbol("{")
            from body in members(open)
            from close in Symbol("}")
            select (DeclarationSyntax)new BlockDeclarationSyntax(
                kind, declared, serviceList, body, open, close, TextSpan.FromBounds(keyword.Start, close.End));
    }

    /// <summary>
    /// Members up to the closing brace. A word that starts no member is reported with the list of members the block
    /// takes; a declaration keyword at the start of a line means the block was never closed.
    /// </summary>
    private static Func<TextSpan, Parser<ImmutableArray<MemberSyntax>>> Members(DeclarationKind kind)
    {
        var member = SyntaxFacts.GetMembers(kind).Select(Member).Aggregate((a, b) => a.Or(b));
        var byWord = MembersByFirstWord(kind);
        return open => input =>
        {
            var items = ImmutableArray.CreateBuilder<MemberSyntax>();
            var text = input.Source;
            while (true)
            {
                if (input.AtEnd)
                {
                    return Fail<ImmutableArray<MemberSyntax>>(text, open.Start, "SP1006", DescribeOpen(kind, text, open));
                }

                if (input.Current == '}')
                {
                    return Result.Success(items.ToImmutable(), input);
                }

                // Only the members that can start with this word are tried; when they fail, every member is tried, so
                // that a mistake is reported exactly as before.
                var first = byWord.Parser(WordAt(text, input.Position));
                var result = first is null ? member(input) : first(input);
                if (!result.WasSuccessful && first is not null)
                {
                    result = member(input);
                }

                if (result.WasSuccessful)
                {
                    items.Add(result.Value);
                    input = result.Remainder;
                    continue;
                }

                var word = WordAt(text, input.Position);
                if (StartsLine(text, input.Position) && DeclarationFor(word) is not null)
                {
                    return Fail<ImmutableArray<MemberSyntax>>(text, open.Start, "SP1006", DescribeOpen(kind, text, open));
                }

                if (result.Remainder.Position > input.Position || word.Length == 0)
                {
                    return Result.Failure<ImmutableArray<MemberSyntax>>(result.Remainder, result.Message, result.Expectations);
                }

                return Fail<ImmutableArray<MemberSyntax>>(
                    text, input.Position, "SP1008",
                    $"`{word}` is not a member of {SyntaxFacts.Describe(kind)}; expected {SyntaxFacts.DescribeMembers(kind)}");
            }
        };
    }

    /// <summary>
    /// The members of a block by the first word of their keyword, each word's in block order, and a clause (which
    /// starts with many words) among those of every word. A member whose keyword starts with another word cannot
    /// succeed, so trying only these gives the result trying them all would.
    /// </summary>
    private static MemberDispatch MembersByFirstWord(DeclarationKind kind)
    {
        var members = SyntaxFacts.GetMembers(kind);
        Parser<MemberSyntax>? Alternatives(Func<MemberKind, bool> include) =>
            members.Where(include).Select(Member).Aggregate((Parser<MemberSyntax>?)null, (all, next) => all is null ? next : all.Or(next));

        var clause = members.Contains(MemberKind.Clause) ? Member(MemberKind.Clause) : null;
        var byWord = new Dictionary<string, Parser<MemberSyntax>>(StringComparer.Ordinal);
        foreach (var word in members.Where(m => m != MemberKind.Clause).Select(FirstWord).Distinct())
        {
            byWord[word] = Alternatives(m => m == MemberKind.Clause || FirstWord(m) == word)!;
        }

        return new MemberDispatch(byWord, clause);
    }

    private static string FirstWord(MemberKind kind) => SyntaxFacts.GetKeywordText(kind).Split(' ')[0];

    /// <summary>The parser to try first for a member starting with a word: its keyword's members, else the clause alone.</summary>
    private sealed record MemberDispatch(Dictionary<string, Parser<MemberSyntax>> ByWord, Parser<MemberSyntax>? Clause)
    {
        public Parser<MemberSyntax>? Parser(string word) => ByWord.GetValueOrDefault(word) ?? Clause;
    }

    private static string DescribeOpen(DeclarationKind kind, string text, TextSpan open)
    {
        var header = text[..open.Start].TrimEnd();
        var lineStart = header.LastIndexOfAny(['\n', '\r']) + 1;
        var shown = header[lineStart..].Trim();
        return $"`{{` of `{(shown.Length > 60 ? SyntaxFacts.GetKeywordText(kind) : shown)}` is never closed";
    }

    /// <summary>The identifier-like word at <paramref name="position"/>, or empty.</summary>
    internal static string WordAt(string text, int position)
    {
        var end = position;
        while (end < text.Length && SyntaxFacts.IsIdentifierPart(text[end]) && end - position < 64)
        {
            end++;
        }

        return text[position..end];
    }

    internal static bool StartsLine(string text, int position) =>
        position == 0 || text[position - 1] is '\n' or '\r';
}
