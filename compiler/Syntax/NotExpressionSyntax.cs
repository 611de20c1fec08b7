using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary><c>not operand</c>.</summary>
public sealed record NotExpressionSyntax(ExpressionSyntax Operand, TextSpan Span) : ExpressionSyntax(Span);
