using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Compiler.Binding;

public sealed record BoundLogicalExpression(BoundExpression Left, LogicalOperator Operator, BoundExpression Right) : BoundExpression;
