using System.Collections.Immutable;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Engine.Model;

public enum AccessEffect
{
    Allow,
    Deny,
}

/// <summary>An ABAC rule lowered to a condition over principal, resource and request attributes.</summary>
/// <param name="Condition">True when the rule applies; null when unconditional.</param>
/// <param name="Keys">Key names whose key policies grant the rule; empty for identity-policy rules.</param>
public sealed record AccessRule(
    string Name,
    AccessEffect Effect,
    ImmutableArray<string> Actions,
    ImmutableArray<string> Resources,
    ImmutableArray<string> Principals,
    ImmutableArray<string> Keys,
    Predicate? Condition,
    DateTimeOffset? NotAfter,
    SourceOrigin Origin);
