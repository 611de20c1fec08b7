using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A whole number as written; <see cref="Value"/> is null when it does not fit in 32 bits.</summary>
public sealed record NumberLiteralSyntax(string Text, TextSpan Span) : SyntaxNode(Span)
{
    public int? Value => int.TryParse(Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
}
