using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Compiler.Binding;

/// <summary>A comparison; when <see cref="IsLevelComparison"/> both sides are read as classification levels.</summary>
public sealed record BoundComparison(BoundOperand Left, ComparisonOperator Operator, BoundOperand Right, bool IsLevelComparison) : BoundExpression;
