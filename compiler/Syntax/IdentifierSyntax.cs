using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A name: letters, digits, <c>_</c> and <c>-</c>, starting with a letter or <c>_</c>.</summary>
public sealed record IdentifierSyntax(string Text, TextSpan Span) : SyntaxNode(Span);
