using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A boolean condition of an access rule.</summary>
public abstract record ExpressionSyntax(TextSpan Span) : SyntaxNode(Span);
