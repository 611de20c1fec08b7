using System.Collections.Immutable;

namespace Sec08Policy.Engine.Prevention;

/// <summary>
/// How one requirement check is prevented for one service: Deny patterns, or the reason it cannot be prevented at
/// creation. <see cref="ScopedByClassification"/> says whether the create request carries the classification tag, so a
/// level-scoped clause can be limited to those levels.
/// </summary>
public sealed record Prevention(ImmutableArray<DenyPattern> Denies, string? DetectiveReason, bool ScopedByClassification = true)
{
    /// <summary>What the Denies leave open, said as an info diagnostic (SP3006) next to the statements.</summary>
    public string? Gap { get; init; }

    public static Prevention Detective(string reason) => new([], reason);

    public static Prevention Deny(params DenyPattern[] patterns) => new([.. patterns], null);
}

/// <summary>
/// One kind of request a preventive requirement denies: its purpose (the Sid suffix), the actions and resource it
/// concerns, and the tests on the request that all hold when the request would create what the requirement forbids.
/// Unscoped patterns (such as turning a default off) ignore classification; patterns that are not
/// <see cref="Scopable"/> cover actions whose requests carry no tags, so no classification tag to scope by.
/// </summary>
public sealed record DenyPattern(string Purpose, ImmutableArray<string> Actions, string Resource, ImmutableArray<RequestTest> Tests, bool Unscoped = false)
{
    public bool Scopable { get; init; } = true;
}
