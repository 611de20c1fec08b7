using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary><c>operand in [a, b]</c> or <c>operand not in [a, b]</c>.</summary>
public sealed record InExpressionSyntax(OperandSyntax Operand, bool Negated, ImmutableArray<OperandSyntax> Values, TextSpan Span)
    : ExpressionSyntax(Span);
