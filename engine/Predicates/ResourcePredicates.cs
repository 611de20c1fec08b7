using System.Collections.Immutable;

namespace Sec08Policy.Engine.Predicates;

/// <summary>The resource is encrypted at rest, by any key.</summary>
public sealed record EncryptedPredicate : Predicate;

/// <summary>The resource is encrypted under a customer-managed KMS key.</summary>
public sealed record CustomerManagedKeyPredicate : Predicate;

/// <summary>The resource is encrypted under the declared key, recognised by its alias.</summary>
public sealed record NamedKeyPredicate(string Key, string? Alias) : Predicate;

/// <summary>The key protecting the resource (or the key itself) rotates automatically, at most every <see cref="MaxDays"/>.</summary>
public sealed record KeyRotationPredicate(int? MaxDays) : Predicate;

/// <summary>The resource lives in one of the Regions.</summary>
public sealed record RegionPredicate(ImmutableArray<string> Regions) : Predicate;

/// <summary>The resource carries every one of the tag keys.</summary>
public sealed record TagsPresentPredicate(ImmutableArray<string> Keys) : Predicate;
