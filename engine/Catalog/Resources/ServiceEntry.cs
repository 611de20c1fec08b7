using System.Collections.Immutable;

namespace Sec08Policy.Engine.Catalog.Resources;

/// <summary>
/// A service policies can name: its IAM prefix (actions, condition keys, <c>kms:ViaService</c>), whether it stores
/// data, and the create-like actions with the creation-time condition keys the SCP emitter can use.
/// </summary>
public sealed record ServiceEntry
{
    public required string Name { get; init; }

    public required string Title { get; init; }

    public required string IamPrefix { get; init; }

    public bool StoresData { get; init; } = true;

    /// <summary>Why the service's data is always encrypted at rest, so an `encrypted` requirement needs no SCP; null otherwise.</summary>
    public string? AlwaysEncrypted { get; init; }

    /// <summary>Every action that creates data at rest: creates, restores, copies, replicas, imports.</summary>
    public ImmutableArray<CreateAction> Create { get; init; } = [];

    /// <summary>Actions that turn encryption off, denied outright for an `encrypted` requirement.</summary>
    public ImmutableArray<GuardAction> Guards { get; init; } = [];

    /// <summary>Why a customer-managed key cannot be required at creation although a key condition exists; null otherwise.</summary>
    public string? CustomerKeyNote { get; init; }
}

/// <summary>
/// A create-like action. <see cref="Creates"/>: the ARN pattern of what it creates; <see cref="Encrypted"/>: the Boolean
/// condition key that is false when the request creates unencrypted data, evaluated on <see cref="EncryptedResource"/>; <see cref="DisabledBy"/>: Boolean keys that are true
/// when the request turns encryption off; <see cref="CustomerKey"/>: the key that is absent when no KMS key is named;
/// <see cref="Tags"/>: whether the request carries its tags (<c>aws:RequestTag</c>), and if the Service Authorization
/// Reference lists them but they are not relied on, <see cref="TagsNote"/> says why.
/// </summary>
public sealed record CreateAction(string Action)
{
    /// <summary>
    /// The ARN pattern of the resource the action creates, where its request is also authorized on other resources that
    /// do not carry the request's tags: the Service Authorization Reference lists <c>aws:RequestTag</c> for
    /// <c>ec2:RunInstances</c> on the instance, volumes and network interfaces, not on the image or subnet, so a Deny on
    /// a missing request tag with <c>"Resource": "*"</c> would deny every launch. <c>*</c> when the request's tags go
    /// with every resource it names.
    /// </summary>
    public string Creates { get; init; } = "*";

    public string? Encrypted { get; init; }

    /// <summary>Where <see cref="Encrypted"/> is evaluated: <see cref="Creates"/> unless the catalogue names another resource.</summary>
    public string EncryptedResource { get; init; } = "*";

    /// <summary>The SCP statement's purpose, part of its Sid (<c>Unencrypted</c>, <c>UnencryptedAtLaunch</c>).</summary>
    public string Purpose { get; init; } = "Unencrypted";

    public ImmutableArray<DisablingKey> DisabledBy { get; init; } = [];

    public string? CustomerKey { get; init; }

    public bool Tags { get; init; }

    public string? TagsNote { get; init; }

    /// <summary>What the action creates is always encrypted (an EFS replica), so an `encrypted` requirement needs no deny for it.</summary>
    public bool AlwaysEncrypts { get; init; }

    /// <summary>What the action creates is a copy of other data (a snapshot, a snapshot copy, a read replica).</summary>
    public bool Copy { get; init; }
}

/// <summary>A Boolean condition key that is true when the request turns encryption off (<c>codebuild:artifacts.encryptionDisabled</c>), with the SCP statement's purpose.</summary>
public sealed record DisablingKey(string Key, string Purpose);

/// <summary>An action denied outright: <c>ec2:DisableEbsEncryptionByDefault</c>, <c>kinesis:StopStreamEncryption</c>.</summary>
public sealed record GuardAction(string Action, string Purpose);
