using Sec08Policy.Compiler.Text;
using Sprache;
using static Sec08Policy.Compiler.Syntax.Tokens;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>The clauses about copies and retention: <c>copies encrypted [with key NAME]</c>, <c>retention at least|at most N days</c>.</summary>
internal static class DataAssertionGrammar
{
    private static readonly Parser<AssertionKind> Bound =
        from at in Keyword("at")
        from side in Keyword("least").Return(AssertionKind.RetentionAtLeast).Or(Keyword("most").Return(AssertionKind.RetentionAtMost))
        select side;

    /// <summary>A number as written, sign and fraction included, so the binder can say what is wrong with it (SP2090).</summary>
    private static readonly Parser<NumberLiteralSyntax> Days = input =>
    {
        var text = input.Source;
        var start = input.Position;
        var end = start;
        if (end < text.Length && text[end] is '-' or '+')
        {
            end++;
        }

        var digits = end;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || (text[end] == '.' && end > digits && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1]))))
        {
            end++;
        }

        if (end == digits || (end < text.Length && SyntaxFacts.IsIdentifierPart(text[end])))
        {
            return Expected<NumberLiteralSyntax>(input, "number");
        }

        return (from number in Parse.Return(new NumberLiteralSyntax(text[start..end], TextSpan.FromBounds(start, end)))
                from trivia in Trivia
                select number)(At(text, end));
    };

    public static readonly Parser<AssertionSyntax> Copies =
        from copies in Keyword("copies")
        from encrypted in Keyword("encrypted")
        from key in (from with in Keyword("with") from word in Keyword("key") from name in Identifier select name).XOptional()
        select key.IsDefined
            ? new AssertionSyntax(AssertionKind.CopiesEncryptedWithKey, key.Get(), null, [], TextSpan.FromBounds(copies.Start, key.Get().Span.End))
            : new AssertionSyntax(AssertionKind.CopiesEncrypted, null, null, [], TextSpan.FromBounds(copies.Start, encrypted.End));

    public static readonly Parser<AssertionSyntax> Retention = input =>
    {
        var word = Keyword("retention")(input);
        if (!word.WasSuccessful)
        {
            return Result.Failure<AssertionSyntax>(word.Remainder, word.Message, word.Expectations);
        }

        var bound = Bound(word.Remainder);
        if (!bound.WasSuccessful)
        {
            return Fail<AssertionSyntax>(input.Source, word.Remainder.Position, "SP1020", "`retention` takes `at least N days` or `at most N days`");
        }

        var days = Days(bound.Remainder);
        if (!days.WasSuccessful)
        {
            return Fail<AssertionSyntax>(input.Source, bound.Remainder.Position, "SP1021", "a retention period is a number of days: `retention at least 30 days`");
        }

        var unit = Keyword("days")(days.Remainder);
        if (!unit.WasSuccessful)
        {
            return Fail<AssertionSyntax>(input.Source, days.Remainder.Position, "SP1021", $"a retention period is counted in `days`: `{days.Value.Text} days`");
        }

        return Result.Success(new AssertionSyntax(bound.Value, null, days.Value, [], TextSpan.FromBounds(word.Value.Start, unit.Value.End)), unit.Remainder);
    };
}
