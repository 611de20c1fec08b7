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

    /// <summary>The key spec as KMS names it (<c>SYMMETRIC_DEFAULT</c>, <c>RSA_3072</c>, ...).</summary>
    public Fact<string?> Spec { get; init; } = Fact<string?>.Unknown("the input does not show the key spec");

    /// <summary>Where the key material comes from, as KMS names it (<c>AWS_KMS</c>, <c>EXTERNAL</c>, <c>AWS_CLOUDHSM</c>, <c>EXTERNAL_KEY_STORE</c>).</summary>
    public Fact<string?> Origin { get; init; } = Fact<string?>.Unknown("the input does not show where the key material comes from");

    /// <summary>The Regions of the key's replicas as the key itself records them (Config, live); replica key resources add to them.</summary>
    public Fact<ImmutableArray<string>> ReplicaRegions { get; init; } = Fact<ImmutableArray<string>>.Unknown("the input does not show the key's replicas");

    /// <summary>For a multi-Region replica key: its primary key as written; null for a key that is no replica.</summary>
    public Fact<string?>? Primary { get; init; }

    /// <summary>For a replica: the input-local ID of its primary key, when the primary is in the same input.</summary>
    public string? ResolvedPrimary { get; init; }

    public bool PendingDeletion => State.IsKnown && State.Value == "PendingDeletion";
}
