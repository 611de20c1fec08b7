using System.Collections.Immutable;

namespace Sec08Policy.Engine.Predicates;

/// <summary>
/// <c>left == right</c> (or <c>!=</c> when <see cref="Negated"/>). A missing tag makes <c>==</c> false and <c>!=</c>
/// true, exactly as IAM's StringEquals and StringNotEquals treat an absent key.
/// </summary>
public sealed record EqualsPredicate(Operand Left, Operand Right, bool Negated) : Predicate;

/// <summary><c>operand in [values]</c> or <c>not in</c>; with the same missing-key rule as <see cref="EqualsPredicate"/>.</summary>
public sealed record InPredicate(Operand Operand, ImmutableArray<Operand> Values, bool Negated) : Predicate;

/// <summary>
/// A tag read as a classification level is one of <see cref="Levels"/>. A missing tag, or one whose value is not a
/// level, matches when <see cref="MatchUnknown"/> (deny rules fail closed) and not otherwise. For the resource's
/// classification tag a missing tag means the scheme's default level.
/// </summary>
public sealed record LevelInPredicate(TagOperand Tag, ImmutableArray<string> Levels, bool IsClassification, bool MatchUnknown) : Predicate;
