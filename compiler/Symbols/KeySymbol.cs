using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Symbols;

/// <summary>A customer-managed KMS key the policy declares.</summary>
public sealed record KeySymbol(
    string Name,
    string? Alias,
    string? Description,
    ImmutableArray<string> Protects,
    int? RotationDays,
    int? DeletionWindowDays,
    bool MultiRegion,
    ImmutableArray<string> Administrators,
    ImmutableArray<string> Users,
    ImmutableArray<string> ViaServices,
    ImmutableArray<string> CallerAccounts,
    ImmutableArray<string> EncryptionContextKeys,
    Location Location) : Symbol(Name, Location)
{
    /// <summary>The key spec as KMS names it; <c>SYMMETRIC_DEFAULT</c> unless the key says <c>spec</c>.</summary>
    public string Spec { get; init; } = "SYMMETRIC_DEFAULT";

    /// <summary>The key origin as policies name it (<c>aws_kms</c>, <c>external</c>, ...).</summary>
    public string Origin { get; init; } = "aws_kms";

    /// <summary>The Regions of its multi-Region replicas.</summary>
    public ImmutableArray<string> ReplicaRegions { get; init; } = [];
}
