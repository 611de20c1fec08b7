using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary><c>left and right</c>, <c>left or right</c>; both left-associative, <c>and</c> binds tighter.</summary>
public sealed record LogicalExpressionSyntax(ExpressionSyntax Left, LogicalOperator Operator, ExpressionSyntax Right, TextSpan Span)
    : ExpressionSyntax(Span);
