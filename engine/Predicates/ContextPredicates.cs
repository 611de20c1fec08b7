namespace Sec08Policy.Engine.Predicates;

/// <summary>A request or principal attribute of <see cref="ContextAttribute.All"/>.</summary>
public sealed record ContextOperand(ContextAttribute Attribute) : Operand
{
    public override string ToString() => Attribute.Name;
}

/// <summary>How a number or an instant is compared.</summary>
public enum Ordering
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>
/// A number of minutes or an instant compared with a literal (<c>principal.mfa_age &lt;= 60</c>,
/// <c>request.time &lt; 2027-01-01</c>). A missing attribute satisfies the comparison exactly when
/// <see cref="MatchMissing"/>: a comparison as written is false on a missing value, and its negation true.
/// <see cref="Value"/> is the literal as the language reads it: minutes, or an ISO 8601 UTC instant.
/// </summary>
public sealed record OrderPredicate(ContextOperand Operand, Ordering Relation, string Value, bool MatchMissing) : Predicate;
