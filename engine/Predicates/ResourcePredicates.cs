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

/// <summary>
/// The key protecting the resource (or the key itself) has one of <see cref="Specs"/>; <see cref="Demand"/> says how
/// the policy put it (<c>at least RSA_3072</c>), for messages.
/// </summary>
public sealed record KeySpecPredicate(ImmutableArray<string> Specs, string Demand) : Predicate;

/// <summary>The key protecting the resource (or the key itself) has its material from one of <see cref="Origins"/> (KMS API names).</summary>
public sealed record KeyOriginPredicate(ImmutableArray<string> Origins) : Predicate;

/// <summary>The key protecting the resource (or the key itself) is a multi-Region key with a replica in each of the Regions.</summary>
public sealed record KeyReplicatedPredicate(ImmutableArray<string> Regions) : Predicate;
