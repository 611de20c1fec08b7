using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary><c>left op right</c> with one of <c>== != &lt; &lt;= &gt; &gt;=</c>.</summary>
public sealed record ComparisonExpressionSyntax(OperandSyntax Left, ComparisonOperator Operator, OperandSyntax Right, TextSpan Span)
    : ExpressionSyntax(Span);
