using System.Collections.Immutable;

namespace Sec08Policy.Compiler.Binding;

public sealed record BoundInExpression(BoundOperand Operand, bool Negated, ImmutableArray<BoundOperand> Values) : BoundExpression;
