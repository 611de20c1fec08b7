using System.Collections.Immutable;
using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Iam.Matching;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Access;

/// <summary>An access rule prepared for deciding: its condition compiled, its deciding clause made once.</summary>
internal sealed class RuleEntry
{
    private readonly ImmutableArray<string> _actions;

    public RuleEntry(AccessRule rule, Condition? condition)
    {
        Rule = rule;
        Condition = condition;
        _actions = rule.Actions;
        var effect = rule.Effect == AccessEffect.Allow ? "allow" : "deny";
        Clause = new DecidingClause($"{effect} {rule.Name}", condition is null ? "its actions" : "when", rule.Origin);
    }

    public AccessRule Rule { get; }

    public Condition? Condition { get; }

    public DecidingClause Clause { get; }

    public bool IsAllow => Rule.Effect == AccessEffect.Allow;

    public bool MatchesAction(string action) => Actions.Match(_actions, action);

    /// <summary>Time, resources (identity rules only), principals (identity rules only) and condition.</summary>
    public bool Applies(RequestView view, bool identity, Caller caller)
    {
        var request = view.Request;
        if (Rule.NotAfter is { } notAfter && request.Time >= notAfter)
        {
            return false;
        }

        if (identity)
        {
            if (!Rule.Resources.Any(r => ArnMatch.IsMatch(r, view.ResourceArn)))
            {
                return false;
            }

            if (!Rule.Principals.IsEmpty && !Rule.Principals.Any(p => Principals.InRule(p, caller)))
            {
                return false;
            }
        }

        return Condition is null || Condition.Holds(view);
    }
}

/// <summary>IAM action matching: case-insensitive, with <c>*</c> and <c>?</c>.</summary>
internal static class Actions
{
    public static bool Match(ImmutableArray<string> patterns, string action)
    {
        foreach (var pattern in patterns)
        {
            if (WildcardPattern.IsMatch(pattern, action, ignoreCase: true))
            {
                return true;
            }
        }

        return false;
    }
}
