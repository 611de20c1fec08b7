namespace Sec08Policy.Compiler.Binding;

public sealed record BoundNotExpression(BoundExpression Operand) : BoundExpression;
