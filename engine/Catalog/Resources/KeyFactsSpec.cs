using System.Collections.Immutable;

namespace Sec08Policy.Engine.Catalog.Resources;

/// <summary>
/// Where one input form shows a KMS key's spec, origin and multi-Region replicas, and, for a replica key, its primary.
/// Paths are relative to the resource's properties in that form; a null member means the form does not show it.
/// </summary>
public sealed record KeyFactsSpec(ValueSpec? Spec, ValueSpec? Origin, ReplicaRegionsSpec? ReplicaRegions, PropertyPath? Primary);

/// <summary>How a form gives one text value: at a path (with the value AWS assumes when it is absent), a constant, or by a switch.</summary>
public abstract record ValueSpec;

/// <summary>The value at <see cref="Path"/>; <see cref="Absent"/> when the property is missing (null: not known then).</summary>
public sealed record PathValueSpec(PropertyPath Path, string? Absent) : ValueSpec;

/// <summary>Always this value: the form's resource type decides it (<c>aws_kms_external_key</c> is <c>EXTERNAL</c>).</summary>
public sealed record ConstantValueSpec(string Value) : ValueSpec;

/// <summary><see cref="Present"/> when the property at <see cref="Path"/> has a value, else <see cref="Absent"/>.</summary>
public sealed record SwitchValueSpec(PropertyPath Path, ValueSpec Present, ValueSpec Absent) : ValueSpec;

/// <summary>
/// The Regions a key is replicated to as the key itself records them: the <see cref="Value"/> of each element of the
/// list at <see cref="Items"/>; or, when <see cref="Unknown"/> is set, why the form cannot tell.
/// </summary>
public sealed record ReplicaRegionsSpec(PropertyPath? Items, PropertyPath? Value, string? Unknown);

/// <summary>
/// One KMS key spec, with its family, the key usage <c>build</c> gives it, and its security strength in bits, the
/// order <c>key spec at least</c> uses.
/// </summary>
public sealed record KeySpecEntry(string Name, string Family, string Usage, int Strength, string Source);

/// <summary>A key origin: its name in policies, the KMS API value, and whether CloudFormation's <c>AWS::KMS::Key</c> can create it.</summary>
public sealed record KeyOriginEntry(string Name, string Api, bool CloudFormation, string Meaning);

/// <summary>The KMS key specs and origins policies may name, with the AWS documentation they come from.</summary>
public sealed record KeyCatalog(ImmutableArray<KeySpecEntry> Specs, ImmutableArray<KeyOriginEntry> Origins, string Source)
{
    public static KeyCatalog Empty { get; } = new([], [], string.Empty);

    public KeySpecEntry? FindSpec(string name) => Specs.FirstOrDefault(s => s.Name == name);

    public KeyOriginEntry? FindOrigin(string name) => Origins.FirstOrDefault(o => o.Name == name);

    /// <summary>Every spec at least as strong as <paramref name="floor"/>, in catalogue order.</summary>
    public ImmutableArray<string> AtLeast(KeySpecEntry floor) => [.. Specs.Where(s => s.Strength >= floor.Strength).Select(s => s.Name)];
}
