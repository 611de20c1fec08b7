using System.Collections.Immutable;

namespace Sec08Policy.Engine.Model;

/// <summary>
/// A customer-managed key the policy declares: what the evaluator recognises it by, how it is deployed, and who may
/// manage and use it (what its key policy grants).
/// </summary>
/// <param name="Account">The account that owns the key: the policy header's, else the one account its principals name; null when neither tells.</param>
/// <param name="ViaServices">Service names (<c>s3</c>, <c>ebs</c>, ...) the key may be used through (<c>kms:ViaService</c>); empty for any.</param>
/// <param name="CallerAccounts">Accounts whose principals may use the key (<c>kms:CallerAccount</c>); empty for no limit.</param>
/// <param name="EncryptionContextKeys">Encryption-context keys every cryptographic request must carry.</param>
public sealed record KeySpec(
    string Name,
    string? Alias,
    string? Description,
    ImmutableArray<string> Protects,
    int? RotationDays,
    int? DeletionWindowDays,
    bool MultiRegion,
    string? Account,
    ImmutableArray<string> Administrators,
    ImmutableArray<string> Users,
    ImmutableArray<string> ViaServices,
    ImmutableArray<string> CallerAccounts,
    ImmutableArray<string> EncryptionContextKeys,
    SourceOrigin Origin)
{
    /// <summary>The key spec as KMS names it.</summary>
    public string Spec { get; init; } = "SYMMETRIC_DEFAULT";

    /// <summary>Where the key material comes from, as the KMS API names it (<c>AWS_KMS</c>, <c>EXTERNAL</c>, ...).</summary>
    public string MaterialOrigin { get; init; } = "AWS_KMS";

    /// <summary>The Regions of its multi-Region replicas.</summary>
    public ImmutableArray<string> ReplicaRegions { get; init; } = [];
}
