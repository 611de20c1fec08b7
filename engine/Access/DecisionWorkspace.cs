namespace Sec08Policy.Engine.Access;

/// <summary>
/// What one thread reuses from decision to decision of one decider: the request view and the lists of clauses
/// found, so that a decision allocates nothing for them.
/// </summary>
internal sealed class DecisionWorkspace(AttributeTable table)
{
    public RequestView View { get; } = new(table);

    public List<ClauseDecisions> Denials { get; } = [];

    public List<ClauseDecisions> IdentityGrants { get; } = [];

    /// <summary>The key policy's grants, each with how its principal entry reached the caller.</summary>
    public List<ClauseDecisions> KeyGrants { get; } = [];

    public List<PrincipalMatch> KeyGrantMatches { get; } = [];

    public List<ClauseDecisions> Cited { get; } = [];

    public void Clear()
    {
        Denials.Clear();
        IdentityGrants.Clear();
        KeyGrants.Clear();
        KeyGrantMatches.Clear();
        Cited.Clear();
    }
}
