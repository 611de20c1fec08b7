using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A double-quoted string; <see cref="Value"/> has its escapes resolved.</summary>
public sealed record StringLiteralSyntax(string Value, TextSpan Span) : SyntaxNode(Span);
