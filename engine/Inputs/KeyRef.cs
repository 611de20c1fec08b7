using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs;

/// <summary>A key as a property or attribute names it, and the input-local resource it resolves to, if any.</summary>
internal sealed record KeyRef(Fact<string?> Reference, string? LocalId)
{
    /// <summary>No key named: the service's default key.</summary>
    public static KeyRef None { get; } = new(Fact<string?>.Known(null), null);

    public EncryptionState Apply(string algorithm, string? awsManagedAlias) =>
        EncryptionState.Kms(Reference, algorithm, awsManagedAlias) with { ResolvedKey = LocalId };
}
