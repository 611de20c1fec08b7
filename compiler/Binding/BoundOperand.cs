using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Compiler.Binding;

/// <summary>An operand of a condition.</summary>
public abstract record BoundOperand;

/// <summary>A tag of the principal, the resource or the request.</summary>
public sealed record BoundTagReference(TagScope Scope, string TagKey) : BoundOperand;

/// <summary>The resource's level: its classification tag, or the scheme's default when untagged.</summary>
public sealed record BoundClassificationReference(string TagKey) : BoundOperand;

public sealed record BoundStringLiteral(string Value) : BoundOperand;

/// <summary>A classification level, with its rank from the lowest (0).</summary>
public sealed record BoundLevelLiteral(string Level, int Rank) : BoundOperand;

/// <summary>A request or principal attribute other than a tag.</summary>
public sealed record BoundContextReference(Sec08Policy.Engine.Predicates.ContextAttribute Attribute) : BoundOperand;

/// <summary><c>true</c>, <c>false</c>, a number or an instant, as a context attribute reads it (<see cref="Value"/>).</summary>
public sealed record BoundContextLiteral(string Value) : BoundOperand;
