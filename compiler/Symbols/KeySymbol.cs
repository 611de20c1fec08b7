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
    Location Location) : Symbol(Name, Location);
