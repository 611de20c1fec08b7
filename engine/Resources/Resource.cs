using System.Collections.Immutable;
using Sec08Policy.Engine.Catalog.Resources;

namespace Sec08Policy.Engine.Resources;

/// <summary>
/// One resource in the normalized model every input becomes. <see cref="Id"/> is unique within an input set:
/// the CloudFormation logical ID, the Terraform address, the Config resource ID or the ARN.
/// </summary>
public sealed record Resource
{
    public required string Type { get; init; }

    /// <summary>The type's catalogue entry; null for a type sec08 does not know.</summary>
    public required ResourceEntry? Entry { get; init; }

    public ResourceKind Kind => Entry?.Kind ?? ResourceKind.Unsupported;

    public required string Id { get; init; }

    public required SourcePosition Position { get; init; }

    public Fact<string?> Arn { get; init; } = Fact<string?>.Known(null);

    public Fact<string?> Account { get; init; } = Fact<string?>.Known(null);

    public Fact<string?> Region { get; init; } = Fact<string?>.Known(null);

    /// <summary>The resource's tags; unknown as a whole when the input cannot say (e.g. computed at apply).</summary>
    public Fact<ImmutableSortedDictionary<string, string>> Tags { get; init; } = Fact<ImmutableSortedDictionary<string, string>>.Known(ImmutableSortedDictionary<string, string>.Empty);

    /// <summary>Encryption at rest; null for kinds that hold no data, and for a data store that stores nothing as configured.</summary>
    public EncryptionState? Encryption { get; init; }

    /// <summary>Why a data store holds nothing at rest as described (an API stage without a cache); null otherwise.</summary>
    public string? NothingStored { get; init; }

    /// <summary>
    /// The encryption of the copies the resource is or makes (a snapshot, a read replica, a plan's backup copies, a
    /// bucket's replicas); null when its type makes none, or this one makes none as configured (see <see cref="NothingCopied"/>).
    /// </summary>
    public EncryptionState? Copies { get; init; }

    /// <summary>Why a resource of a type that can make copies makes none as configured; null otherwise.</summary>
    public string? NothingCopied { get; init; }

    /// <summary>How long the resource keeps its data; null for a type without a retention setting.</summary>
    public RetentionFacts? Retention { get; init; }

    /// <summary>Facts about a KMS key; null for other kinds.</summary>
    public KeyFacts? Key { get; init; }

    /// <summary>For an alias: the key it names (as written) and its name.</summary>
    public AliasFacts? Alias { get; init; }

    /// <summary>For the account setting: whether new EBS volumes are encrypted by default in the account and Region.</summary>
    public Fact<bool>? EbsEncryptionByDefault { get; init; }

    /// <summary>The policy service the resource belongs to, or null for unsupported types.</summary>
    public string? Service => Entry?.Service;
}

/// <summary>A KMS alias: its name and the key it targets, as written.</summary>
public sealed record AliasFacts(string Name, Fact<string?> TargetKey);
