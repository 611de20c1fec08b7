using System.Globalization;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A date <c>2027-03-31</c> or a UTC instant <c>2027-03-31T18:00:00Z</c>, as written.</summary>
public sealed record DateLiteralSyntax(string Text, TextSpan Span) : SyntaxNode(Span)
{
    private static readonly string[] s_formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'"];

    public bool HasTime => Text.Contains('T', StringComparison.Ordinal);

    /// <summary>The instant meant, in UTC; a bare date means the start of that day. Null when not a real date.</summary>
    public DateTimeOffset? Value =>
        DateTime.TryParseExact(Text, s_formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
            ? new DateTimeOffset(value, TimeSpan.Zero)
            : null;
}
