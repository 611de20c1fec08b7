using System.Runtime.InteropServices;

namespace Sec08Policy.Engine.Access;

/// <summary>
/// A deciding clause with the decisions it makes on its own, made once: most requests are decided by a single clause,
/// and their decision then allocates nothing.
/// </summary>
internal sealed class ClauseDecisions(DecidingClause clause)
{
    public DecidingClause Clause { get; } = clause;

    public AccessDecision Allows { get; } = new(AccessOutcome.Allowed, [clause]);

    public AccessDecision Denies { get; } = new(AccessOutcome.ExplicitlyDenied, [clause]);

    /// <summary>The decision the clauses make together: the ready-made one for a single clause, else a new one citing each.</summary>
    public static AccessDecision Decide(AccessOutcome outcome, List<ClauseDecisions> clauses)
    {
        if (clauses.Count == 1)
        {
            return outcome == AccessOutcome.Allowed ? clauses[0].Allows : clauses[0].Denies;
        }

        var cited = new DecidingClause[clauses.Count];
        for (var i = 0; i < cited.Length; i++)
        {
            cited[i] = clauses[i].Clause;
        }

        return new AccessDecision(outcome, ImmutableCollectionsMarshal.AsImmutableArray(cited));
    }
}
