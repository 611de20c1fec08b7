using System.Collections.Immutable;

namespace Sec08Policy.Engine.Predicates;

/// <summary>A condition the evaluator decides for a resource (requirements) or a request (access rules).</summary>
public abstract record Predicate;

public sealed record AndPredicate(ImmutableArray<Predicate> Operands) : Predicate;

public sealed record OrPredicate(ImmutableArray<Predicate> Operands) : Predicate;

public sealed record NotPredicate(Predicate Operand) : Predicate;

/// <summary>Always true or always false (a folded constant).</summary>
public sealed record ConstantPredicate(bool Value) : Predicate;
