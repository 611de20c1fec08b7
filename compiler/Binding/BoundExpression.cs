namespace Sec08Policy.Compiler.Binding;

/// <summary>A bound condition: names resolved, operands typed, parentheses gone.</summary>
public abstract record BoundExpression;
