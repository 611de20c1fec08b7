using System.Collections.Immutable;
using Sec08Policy.Engine.Iam.Matching;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Access;

/// <summary>An access rule prepared for deciding: its condition compiled, its deciding clause and decisions made once.</summary>
internal sealed class RuleEntry
{
    private readonly ActionList _actions;

    // A rule on every resource skips matching the resource ARN.
    private readonly bool _everyResource;

    public RuleEntry(AccessRule rule, Condition? condition)
    {
        Rule = rule;
        Condition = condition;
        _actions = new ActionList(rule.Actions);
        _everyResource = rule.Resources.Contains("*");
        var effect = rule.Effect == AccessEffect.Allow ? "allow" : "deny";
        Decisions = new ClauseDecisions(new DecidingClause($"{effect} {rule.Name}", condition is null ? "its actions" : "when", rule.Origin));
    }

    public AccessRule Rule { get; }

    public Condition? Condition { get; }

    public ClauseDecisions Decisions { get; }

    public DecidingClause Clause => Decisions.Clause;

    public bool IsAllow => Rule.Effect == AccessEffect.Allow;

    public bool MatchesAction(string action) => _actions.Contains(action);

    /// <summary>Time, resources (identity rules only), principals (identity rules only) and condition.</summary>
    public bool Applies(RequestView view, bool identity)
    {
        if (Rule.NotAfter is { } notAfter && view.Request.Time >= notAfter)
        {
            return false;
        }

        if (identity && !(AppliesToResource(view.ResourceArn) && AppliesToPrincipal(view.Caller)))
        {
            return false;
        }

        return Condition is null || Condition.Holds(view);
    }

    private bool AppliesToResource(string arn)
    {
        if (_everyResource)
        {
            return true;
        }

        foreach (var resource in Rule.Resources)
        {
            if (ArnMatch.IsMatch(resource, arn))
            {
                return true;
            }
        }

        return false;
    }

    private bool AppliesToPrincipal(Caller caller)
    {
        if (Rule.Principals.IsEmpty)
        {
            return true;
        }

        foreach (var principal in Rule.Principals)
        {
            if (Principals.InRule(principal, caller))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>IAM action matching: case-insensitive, with <c>*</c> and <c>?</c>.</summary>
internal static class Actions
{
    public static bool Match(ImmutableArray<string> patterns, string action) => new ActionList(patterns).Contains(action);
}
