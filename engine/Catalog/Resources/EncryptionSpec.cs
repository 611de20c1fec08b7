using System.Collections.Immutable;

namespace Sec08Policy.Engine.Catalog.Resources;

/// <summary>
/// How one input form says whether a resource is encrypted at rest, and with which key: a small vocabulary that the
/// adapters of every input interpret the same way (see docs/resources.md, "How the catalogue describes encryption").
/// Paths are relative to the resource's properties in that form.
/// </summary>
public abstract record EncryptionSpec;

/// <summary>Not encrypted at rest.</summary>
public sealed record UnencryptedSpec : EncryptionSpec
{
    public static UnencryptedSpec Instance { get; } = new();
}

/// <summary>The input cannot tell (a setting only the live API shows, say): Unknown with this reason.</summary>
public sealed record UnknownSpec(string Reason) : EncryptionSpec
{
    /// <summary>The setting is not set and deployment decides it (an account-wide default applies): <c>{"leftToDeployment": ...}</c>.</summary>
    public bool LeftToDeployment { get; init; }
}

/// <summary>Nothing is stored at rest in this configuration (an API stage without a cache): no check applies.</summary>
public sealed record NoDataSpec(string Reason) : EncryptionSpec;

/// <summary>Encrypted with a key the service owns. <c>$value</c> as the algorithm stands for the value a switch matched.</summary>
public sealed record ServiceOwnedSpec(string Algorithm) : EncryptionSpec;

/// <summary>
/// Encrypted with a KMS key: the one <see cref="Key"/> names, or, when it names none, the AWS managed key
/// <see cref="AwsManagedAlias"/> (or the service's default key when no alias is known).
/// </summary>
public sealed record KmsSpec(string Algorithm, PropertyPath? Key, string? AwsManagedAlias) : EncryptionSpec;

/// <summary>
/// Decides by the value at <see cref="Path"/>: a case whose value matches (ignoring case; Booleans are <c>true</c> and
/// <c>false</c>), else <see cref="Present"/> for any value, else <see cref="Other"/>; <see cref="Absent"/> when the
/// property is missing, null or empty.
/// </summary>
public sealed record SwitchSpec(
    PropertyPath Path,
    ImmutableArray<SwitchCase> Cases,
    EncryptionSpec? Present,
    EncryptionSpec Absent,
    EncryptionSpec? Other) : EncryptionSpec;

public sealed record SwitchCase(string Value, EncryptionSpec Then);

/// <summary>Every part must be encrypted (a workspace's root and user volumes); the weakest part decides.</summary>
public sealed record AllSpec(ImmutableArray<EncryptionSpec> Parts) : EncryptionSpec;

/// <summary>
/// Every element of the list (or every value of the mapping) at <see cref="Items"/> must be encrypted, each read with
/// <see cref="Item"/> relative to the element; <see cref="Empty"/> when there is none.
/// </summary>
public sealed record EachSpec(PropertyPath Items, EncryptionSpec Item, EncryptionSpec Empty) : EncryptionSpec;

/// <summary>
/// Always encrypted with a KMS key this form does not show (a backup copy takes its destination vault's key):
/// the key is Unknown with <see cref="Reason"/>.
/// </summary>
public sealed record EncryptedUnknownKeySpec(string Reason) : EncryptionSpec;

/// <summary>
/// In a <c>copies</c> spec only: the form's own encryption spec (a snapshot is itself the copy; a table's backups take
/// its key). The catalogue reader replaces it, so no reader meets it.
/// </summary>
public sealed record OwnEncryptionSpec : EncryptionSpec
{
    public static OwnEncryptionSpec Instance { get; } = new();
}
