using System.Collections.Immutable;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Catalog.Resources;

/// <summary>
/// One resource type of the catalogue: its name in each input form, where each form says whether it is encrypted,
/// how it is read from a live account, and what AWS does when nothing is set.
/// </summary>
public sealed record ResourceEntry
{
    /// <summary>The type's CloudFormation name (<c>AWS::S3::Bucket</c>); the name reports and inventories use.</summary>
    public required string Type { get; init; }

    /// <summary>What it is, for people: <c>S3 bucket</c>.</summary>
    public required string Title { get; init; }

    /// <summary>The service name policies use (<c>s3</c>).</summary>
    public required string Service { get; init; }

    public required ResourceKind Kind { get; init; }

    public CloudFormationForm? CloudFormation { get; init; }

    public ImmutableArray<TerraformForm> Terraform { get; init; } = [];

    /// <summary>Resources of other Terraform types that carry this type's encryption (bucket encryption, method settings).</summary>
    public ImmutableArray<TerraformJoin> TerraformJoins { get; init; } = [];

    public ConfigForm? Config { get; init; }

    public required LiveSource Live { get; init; }

    /// <summary>What AWS does when nothing is set, and the AWS documentation that says so.</summary>
    public required Documented WhenUnset { get; init; }

    /// <summary>What AWS does with the type's copies and retention, and the AWS documentation that says so.</summary>
    public Documented? CopiesAndRetention { get; init; }

    /// <summary>Why an input form cannot describe this type, by form.</summary>
    public ImmutableSortedDictionary<InputForm, string> Gaps { get; init; } = ImmutableSortedDictionary<InputForm, string>.Empty;

    /// <summary>New volumes of this type are encrypted when the account's EBS encryption by default is on.</summary>
    public bool FollowsEbsDefault { get; init; }

    /// <summary>Whether some input form shows copies of this type (then a form that does not leaves them Unknown).</summary>
    public bool MakesCopies => CloudFormation?.Copies is not null || Terraform.Any(t => t.Copies is not null) || Config?.Copies is not null;

    /// <summary>Whether some input form shows how long this type keeps its data.</summary>
    public bool KeepsRetention => CloudFormation?.Retention is not null || Terraform.Any(t => t.Retention is not null) || Config?.Retention is not null;

    /// <summary>Whether an input of this form can hold this type (the inventory holds every type).</summary>
    public bool Covers(InputForm form) => form switch
    {
        InputForm.CloudFormation => CloudFormation is not null,
        InputForm.Terraform => !Terraform.IsEmpty,
        InputForm.Config => Config is { Recorded: true },
        _ => true,
    };
}

/// <summary>A statement and the AWS documentation it comes from; <see cref="Doubt"/> says what the pages read did not settle.</summary>
public sealed record Documented(string Text, string Source, string? Doubt = null);

/// <summary>The CloudFormation resource type (also the shape of Cloud Control's <c>Properties</c>).</summary>
public sealed record CloudFormationForm(string Type, EncryptionSpec? Encryption)
{
    /// <summary>The property holding the tags (a list of Key/Value, or a mapping); null when the type has none.</summary>
    public PropertyPath? Tags { get; init; } = PropertyPath.Parse("Tags");

    /// <summary>The ARN when it follows from properties alone (<c>arn:aws:s3:::{BucketName}</c>).</summary>
    public string? ArnTemplate { get; init; }

    /// <summary>For a KMS key type: where the template shows its spec, origin, replicas and primary.</summary>
    public KeyFactsSpec? Key { get; init; }

    /// <summary>Where this form shows the encryption of the copies the resource is or makes (snapshots, replicas, backup copies).</summary>
    public EncryptionSpec? Copies { get; init; }

    /// <summary>Where this form shows how long the resource keeps its data.</summary>
    public RetentionSpec? Retention { get; init; }
}

/// <summary>A Terraform resource type and where its planned values say whether it is encrypted.</summary>
public sealed record TerraformForm(string Type, EncryptionSpec? Encryption)
{
    /// <summary>For a KMS key type: where the plan shows its spec, origin, replicas and primary.</summary>
    public KeyFactsSpec? Key { get; init; }

    /// <summary>Where this form shows the encryption of the copies the resource is or makes (snapshots, replicas, backup copies).</summary>
    public EncryptionSpec? Copies { get; init; }

    /// <summary>Where this form shows how long the resource keeps its data.</summary>
    public RetentionSpec? Retention { get; init; }
}

/// <summary>
/// A Terraform type that carries another resource's encryption: it names its target by the attributes in
/// <see cref="Match"/> (its attribute, the target's) or by a configuration reference in <see cref="Reference"/>.
/// The target's encryption becomes what the joined resources say (all of them, when several name it).
/// </summary>
public sealed record TerraformJoin(string Type, string TargetType, ImmutableArray<AttributePair> Match, string? Reference, EncryptionSpec Encryption);

public sealed record AttributePair(string Joined, string Target);

/// <summary>
/// The AWS Config resource type and the paths in a configuration item (<c>configuration.x</c>,
/// <c>supplementaryConfiguration.Y.z</c>). <see cref="When"/> tells apart types Config records under one name
/// (DocumentDB and Neptune clusters are <c>AWS::RDS::DBCluster</c> items).
/// </summary>
public sealed record ConfigForm(string Type, EncryptionSpec? Encryption, bool Recorded)
{
    public ConfigDiscriminator? When { get; init; }

    /// <summary>For a KMS key: where its item says who manages it (<c>CUSTOMER</c> or <c>AWS</c>).</summary>
    public PropertyPath? KeyManager { get; init; }

    /// <summary>For a KMS key: where its item says whether automatic rotation is on (<c>true</c> or <c>false</c>).</summary>
    public PropertyPath? Rotation { get; init; }

    /// <summary>For a KMS key type: where the item shows its spec, origin, replicas and primary.</summary>
    public KeyFactsSpec? Key { get; init; }

    /// <summary>Where this form shows the encryption of the copies the resource is or makes (snapshots, replicas, backup copies).</summary>
    public EncryptionSpec? Copies { get; init; }

    /// <summary>Where this form shows how long the resource keeps its data.</summary>
    public RetentionSpec? Retention { get; init; }
}

/// <summary>An item is of this entry when the value at <see cref="Path"/> is one of <see cref="Values"/>.</summary>
public sealed record ConfigDiscriminator(PropertyPath Path, ImmutableArray<string> Values);

/// <summary>
/// How a live account is read for this type: the native collector of <c>sec08 collect</c> (null when there is none),
/// the Cloud Control type name whose CloudFormation-shaped properties the CloudFormation paths read (null when Cloud
/// Control cannot read it), how Cloud Control finds the identifiers to read, the service API that reads the type
/// instead (<see cref="Api"/>), and AWS Config (<see cref="ResourceEntry.Config"/>).
/// </summary>
public sealed record LiveSource(string? Collector, string? CloudControl, string? Note)
{
    public CloudControlListing Listing { get; init; } = CloudControlListing.ByType;

    /// <summary>
    /// The operation of the service's own API that reads this type (<c>dax:DescribeClusters</c>), for a type Cloud
    /// Control cannot read; its answer is turned into the CloudFormation shape the CloudFormation paths read.
    /// </summary>
    public string? Api { get; init; }

    /// <summary>For <see cref="CloudControlListing.UnderParent"/>: the parent type and the property naming it.</summary>
    public ListingParent? Parent { get; init; }
}

/// <summary>How AWS Cloud Control API finds the identifiers of a type's resources.</summary>
public enum CloudControlListing
{
    /// <summary><c>ListResources</c> of the type.</summary>
    ByType,

    /// <summary><c>ListResources</c> once per resource of a parent type, whose identifier the <c>ResourceModel</c> gives.</summary>
    UnderParent,

    /// <summary>One resource per account and Region, whose identifier is the account ID (Cloud Control does not list it).</summary>
    AccountId,

    /// <summary>Cloud Control reads the type but cannot list it: its resources are found through AWS Config.</summary>
    None,
}

/// <summary>The type whose resources a listing runs under, and the property of the listed type that names one.</summary>
public sealed record ListingParent(string Type, string Property);
