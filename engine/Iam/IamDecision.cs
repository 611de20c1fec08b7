using System.Collections.Immutable;

namespace Sec08Policy.Engine.Iam;

public enum IamDecisionOutcome
{
    Allowed,
    ExplicitlyDenied,
    ImplicitlyDenied,
}

/// <summary>Which gate of the evaluation logic an implicit denial failed at.</summary>
public enum IamDenialReason
{
    /// <summary>In the resource's own account, no identity policy and no resource policy allows the request.</summary>
    NoAllow,

    /// <summary>A level of resource control policies (<see cref="IamDecision.Level"/>) holds no statement that allows the request.</summary>
    ResourceControlPolicy,

    /// <summary>A level of service control policies (<see cref="IamDecision.Level"/>) holds no statement that allows the request.</summary>
    ServiceControlPolicy,

    /// <summary>An identity policy (or a resource policy naming the role) allows, but the permissions boundary does not.</summary>
    PermissionsBoundary,

    /// <summary>An identity policy allows a KMS request, but the key policy neither allows the principal nor delegates to its account.</summary>
    KeyPolicy,

    /// <summary>
    /// The principal is from another account, or is a service or anonymous, and the resource policy (or key policy)
    /// does not allow it, or there is none.
    /// </summary>
    ResourcePolicy,

    /// <summary>The resource policy allows a principal from another account, but that principal's identity policies do not.</summary>
    IdentityPolicy,
}

/// <summary>
/// The answer to one request: allowed, explicitly denied, or implicitly denied, with the statements that decided it
/// (the matching Deny statements; or the Allow statements of the identity, resource or key policies that granted it)
/// and, for an implicit denial, the gate that failed.
/// </summary>
public sealed class IamDecision
{
    internal IamDecision(IamDecisionOutcome outcome, ImmutableArray<IamStatement> statements, IamDenialReason? reason = null, int? level = null, string? levelName = null)
    {
        Outcome = outcome;
        Statements = statements;
        Reason = reason;
        Level = level;
        LevelName = levelName;
    }

    public IamDecisionOutcome Outcome { get; }

    public bool IsAllowed => Outcome == IamDecisionOutcome.Allowed;

    /// <summary>The statements that decided, in evaluation order; empty for an implicit denial.</summary>
    public ImmutableArray<IamStatement> Statements { get; }

    /// <summary>For an implicit denial, the gate that failed; else null.</summary>
    public IamDenialReason? Reason { get; }

    /// <summary>For an SCP or RCP denial, the 0-based index of the level (root first) that allows nothing.</summary>
    public int? Level { get; }

    public string? LevelName { get; }

    /// <summary>One line for people: <c>Allowed by iam/read.json #1 (Read)</c>, <c>ImplicitlyDenied: ...</c>.</summary>
    public override string ToString() => Outcome switch
    {
        IamDecisionOutcome.ImplicitlyDenied => "ImplicitlyDenied: " + Explanation(),
        _ => $"{Outcome} by {string.Join(", ", Statements)}",
    };

    private string Explanation() => Reason switch
    {
        IamDenialReason.ResourceControlPolicy => $"no statement of RCP level {Level + 1} ({LevelName}) allows the request",
        IamDenialReason.ServiceControlPolicy => $"no statement of SCP level {Level + 1} ({LevelName}) allows the request",
        IamDenialReason.PermissionsBoundary => "the permissions boundary does not allow the request",
        IamDenialReason.KeyPolicy => "the key policy neither allows the principal nor delegates to its account, so IAM policies do not count",
        IamDenialReason.ResourcePolicy => "no statement of the resource policy allows this principal",
        IamDenialReason.IdentityPolicy => "the resource policy allows a principal of another account, but its identity policies do not",
        _ => "no identity or resource policy allows the request",
    };
}
