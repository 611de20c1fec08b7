using System.Collections.Immutable;
using Sec08Policy.Compiler.Emit.Json;

namespace Sec08Policy.Compiler.Emit.Scp;

/// <summary>
/// How one assertion is prevented for one service: Deny statements (each a purpose, actions, resource and conditions),
/// or the reason it cannot be prevented at creation. <see cref="ScopedByClassification"/> says whether the create
/// request carries the classification tag, so a level-scoped clause can be limited to those levels.
/// </summary>
internal sealed record Prevention(ImmutableArray<DenyPattern> Denies, string? DetectiveReason, bool ScopedByClassification = true)
{
    /// <summary>What the Denies leave open, said as an info diagnostic (SP3006) next to the statements.</summary>
    public string? Gap { get; init; }

    public static Prevention Detective(string reason) => new([], reason);

    public static Prevention Deny(params DenyPattern[] patterns) => new([.. patterns], null);
}

/// <summary>
/// One Deny statement pattern. Unscoped patterns (e.g. deny disabling a default) ignore classification; patterns that
/// are not <see cref="Scopable"/> cover actions whose requests carry no tags, so no classification tag to scope by.
/// </summary>
internal sealed record DenyPattern(string Purpose, ImmutableArray<string> Actions, string Resource, ConditionBlock Condition, bool Unscoped = false)
{
    public bool Scopable { get; init; } = true;
}
