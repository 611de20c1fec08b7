using System.Collections.Immutable;

namespace Sec08Policy.Engine.Resources;

/// <summary>What matters about a KMS key itself.</summary>
public sealed record KeyFacts(
    Fact<KeyManager> Manager,
    Fact<string> State,
    Fact<bool> RotationEnabled,
    Fact<int?> RotationPeriodDays,
    Fact<bool> MultiRegion,
    Fact<int?> DeletionWindowDays,
    Fact<string?> Policy)
{
    /// <summary>The aliases that point at the key, as found in the inputs.</summary>
    public ImmutableArray<string> Aliases { get; init; } = [];

    /// <summary>The key's ID, when the input knows it (Config, live), for matching references.</summary>
    public string? KeyId { get; init; }

    public bool PendingDeletion => State.IsKnown && State.Value == "PendingDeletion";
}
