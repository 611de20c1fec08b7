using System.Collections.Immutable;
using Sec08Policy.Engine.Predicates;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>
/// Compiles a rule's check predicate once into a delegate over a resource, so evaluation does not walk the
/// predicate tree per resource. Every check is three-valued: a value that is not known gives Unknown with the reason.
/// </summary>
internal static partial class CheckCompiler
{
    public static Func<Resource, KeyDirectory, Outcome> Compile(Predicate check) => check switch
    {
        EncryptedPredicate => (resource, _) => Encrypted(resource),
        CustomerManagedKeyPredicate => (resource, _) => CustomerManaged(resource),
        NamedKeyPredicate named => (resource, keys) => NamedKey(resource, keys, named),
        KeyRotationPredicate rotation => (resource, keys) => Rotation(resource, keys, rotation.MaxDays),
        KeySpecPredicate spec => (resource, keys) => KeyProperty(resource, keys, (key, id) => Spec(key, id, spec), AwsManagedSpec(spec)),
        KeyOriginPredicate origin => (resource, keys) => KeyProperty(resource, keys, (key, id) => Origin(key, id, origin.Origins), AwsManagedOrigin(origin.Origins)),
        KeyReplicatedPredicate replicated => (resource, keys) => KeyProperty(resource, keys, (key, id) => Replicated(key, id, keys, replicated.Regions), Outcome.Fail("AWS managed keys are single-Region keys")),
        CopiesEncryptedPredicate copies => (resource, keys) => CopiesEncrypted(resource, keys, copies.Key),
        RetentionPredicate retention => (resource, _) => Retention(resource, retention),
        RegionPredicate region => Resourceful(Region(region.Regions)),
        TagsPresentPredicate tags => Resourceful((resource, _) => TagsPresent(resource, tags.Keys)),
        AndPredicate and => All([.. and.Operands.Select(Compile)]),
        _ => throw new InvalidOperationException($"`{check.GetType().Name}` is not a resource check"),
    };

    /// <summary>Aliases and the account's EBS setting are not resources that carry tags or live in a chosen Region.</summary>
    private static Func<Resource, KeyDirectory, Outcome> Resourceful(Func<Resource, KeyDirectory, Outcome> check) => (resource, keys) =>
        resource.Kind is ResourceKind.KmsAlias or ResourceKind.AccountSetting
            ? Outcome.NotApplicable("not a taggable resource of its own")
            : check(resource, keys);

    private static Func<Resource, KeyDirectory, Outcome> All(ImmutableArray<Func<Resource, KeyDirectory, Outcome>> checks) => (resource, keys) =>
    {
        Outcome? unknown = null;
        foreach (var check in checks)
        {
            var outcome = check(resource, keys);
            if (outcome.Verdict == Verdict.Fail)
            {
                return outcome;
            }

            unknown ??= outcome.Verdict == Verdict.Unknown ? outcome : null;
        }

        return unknown ?? Outcome.Pass();
    };

    private static Outcome Encrypted(Resource resource)
    {
        if (resource.EbsEncryptionByDefault is { } setting)
        {
            // The account setting: new volumes are encrypted only while it is on.
            return setting switch
            {
                { IsKnown: false } s => Outcome.Unknown($"whether EBS encryption by default is on is unknown: {s.UnknownReason}"),
                { Value: true } => Outcome.Pass(),
                _ => Outcome.Fail("EBS encryption by default is off, so new volumes can be created unencrypted"),
            };
        }

        if (resource.Encryption is not { } encryption)
        {
            return Outcome.NotApplicable(resource.NothingStored ?? "the resource holds no data");
        }

        return encryption.Enabled switch
        {
            { IsKnown: false } e => Outcome.Unknown($"whether it is encrypted is unknown: {e.UnknownReason}"),
            { Value: true } => Outcome.Pass(),
            _ => Outcome.Fail("not encrypted at rest"),
        };
    }

    private static Outcome CustomerManaged(Resource resource)
    {
        if (resource.Encryption is null)
        {
            return Outcome.NotApplicable("the resource holds no data");
        }

        var encrypted = Encrypted(resource);
        if (encrypted.Verdict != Verdict.Pass)
        {
            return encrypted;
        }

        return resource.Encryption!.KeyManager switch
        {
            { IsKnown: false } m => Outcome.Unknown($"who manages its key is unknown: {m.UnknownReason}"),
            { Value: KeyManager.Customer } => Outcome.Pass(),
            { Value: KeyManager.AwsManaged } => Outcome.Fail("encrypted with an AWS managed key, not a customer-managed one"),
            _ => Outcome.Fail("encrypted with a key the service owns, not a customer-managed KMS key"),
        };
    }

    private static Outcome NamedKey(Resource resource, KeyDirectory keys, NamedKeyPredicate named)
    {
        if (resource.Encryption is null)
        {
            return Outcome.NotApplicable("the resource holds no data");
        }

        var encrypted = Encrypted(resource);
        if (encrypted.Verdict != Verdict.Pass)
        {
            return encrypted;
        }

        var encryption = resource.Encryption!;
        var alias = named.Alias;
        if (encryption.KeyReference is { IsKnown: true, Value: { } reference } && alias is not null
            && (reference == alias || reference.EndsWith(":" + alias, StringComparison.Ordinal)))
        {
            return Outcome.Pass();
        }

        if (encryption.ResolvedKey is { } keyId && keys.Find(keyId, resource) is { } resolved)
        {
            var aliases = keys.AliasesOf(resolved);
            if (alias is not null && aliases.Contains(alias))
            {
                return Outcome.Pass();
            }

            return aliases.Count > 0
                ? Outcome.Fail($"encrypted with key `{keyId}` ({string.Join(", ", aliases.Order(StringComparer.Ordinal))}), not `{named.Key}`{(alias is null ? string.Empty : $" ({alias})")}")
                : Outcome.Unknown($"key `{keyId}` has no alias in the inputs, so it cannot be matched with `{named.Key}`");
        }

        return encryption.KeyManager switch
        {
            { IsKnown: true, Value: KeyManager.AwsManaged or KeyManager.AwsOwned } =>
                Outcome.Fail($"encrypted with an AWS key, not `{named.Key}`"),
            _ when !encryption.KeyReference.IsKnown => Outcome.Unknown($"its key is unknown: {encryption.KeyReference.UnknownReason}"),
            _ => Outcome.Unknown($"key `{encryption.KeyReference.Value}` is not among the inputs, so it cannot be matched with `{named.Key}`"),
        };
    }

    private static Outcome Rotation(Resource resource, KeyDirectory keys, int? maxDays)
    {
        if (resource.Key is { } own)
        {
            if (own.Manager is { IsKnown: true, Value: not KeyManager.Customer })
            {
                return Outcome.NotApplicable("AWS rotates its own keys");
            }

            // A replica rotates with its primary.
            return KeyRotation(keys.PrimaryOf(resource)?.Key ?? own, resource.Id, maxDays);
        }

        if (resource.Encryption is null)
        {
            return Outcome.NotApplicable("the resource holds no data");
        }

        var encrypted = Encrypted(resource);
        if (encrypted.Verdict != Verdict.Pass)
        {
            return encrypted.Verdict == Verdict.Fail ? Outcome.Fail("not encrypted, so no key rotates") : encrypted;
        }

        var encryption = resource.Encryption!;
        if (encryption.ResolvedKey is { } keyId && keys.Find(keyId, resource) is { Key: { } key } found)
        {
            return KeyRotation(keys.PrimaryOf(found)?.Key ?? key, keyId, maxDays);
        }

        return encryption.KeyManager switch
        {
            { IsKnown: true, Value: KeyManager.AwsManaged } => maxDays is null or >= 365
                ? Outcome.Pass()
                : Outcome.Fail($"AWS managed keys rotate every 365 days, more than {maxDays}"),
            { IsKnown: true, Value: KeyManager.AwsOwned } => Outcome.Unknown("the service's own key rotates on a schedule the inputs do not show"),
            { IsKnown: false } m => Outcome.Unknown($"its key is unknown: {m.UnknownReason}"),
            _ => Outcome.Unknown($"key `{encryption.KeyReference.ValueOrDefault}` is not among the inputs, so its rotation is unknown"),
        };
    }

    private static Outcome KeyRotation(KeyFacts key, string keyId, int? maxDays)
    {
        if (!key.RotationEnabled.IsKnown)
        {
            return Outcome.Unknown($"whether key `{keyId}` rotates is unknown: {key.RotationEnabled.UnknownReason}");
        }

        if (!key.RotationEnabled.Value)
        {
            return Outcome.Fail($"key `{keyId}` does not rotate automatically");
        }

        if (maxDays is not { } max)
        {
            return Outcome.Pass();
        }

        return key.RotationPeriodDays switch
        {
            { IsKnown: false } p => Outcome.Unknown($"key `{keyId}` rotates, but its period is unknown: {p.UnknownReason}"),
            { Value: { } days } when days <= max => Outcome.Pass(),
            { Value: { } days } => Outcome.Fail($"key `{keyId}` rotates every {days} days, more than {max}"),
            _ => Outcome.Pass(),
        };
    }

    /// <summary>
    /// A property of the key itself (for a key resource) or of the key protecting a data resource. A replica key is
    /// judged by its primary, whose key material, spec and origin it shares. AWS managed keys have known properties;
    /// a key the service owns, or one outside the inputs, is Unknown.
    /// </summary>
    private static Outcome KeyProperty(Resource resource, KeyDirectory keys, Func<Resource, string, Outcome> check, Outcome awsManaged)
    {
        if (resource.Key is { } own)
        {
            if (own.Manager is { IsKnown: true, Value: not KeyManager.Customer })
            {
                return awsManaged;
            }

            return check(keys.PrimaryOf(resource) ?? resource, resource.Id);
        }

        if (resource.Encryption is null)
        {
            return Outcome.NotApplicable(resource.NothingStored ?? "the resource holds no data");
        }

        var encrypted = Encrypted(resource);
        if (encrypted.Verdict != Verdict.Pass)
        {
            return encrypted.Verdict == Verdict.Fail ? Outcome.Fail("not encrypted, so no key protects it") : encrypted;
        }

        var encryption = resource.Encryption!;
        if (encryption.ResolvedKey is { } keyId && keys.Find(keyId, resource) is { Key: not null } key)
        {
            return check(keys.PrimaryOf(key) ?? key, keyId);
        }

        return encryption.KeyManager switch
        {
            { IsKnown: true, Value: KeyManager.AwsManaged } => awsManaged,
            { IsKnown: true, Value: KeyManager.AwsOwned } => Outcome.Unknown("the service's own key is not visible in the account, so its properties are unknown"),
            { IsKnown: false } m => Outcome.Unknown($"its key is unknown: {m.UnknownReason}"),
            _ => Outcome.Unknown($"key `{encryption.KeyReference.ValueOrDefault}` is not among the inputs, so its properties are unknown"),
        };
    }

    private static Outcome Spec(Resource key, string keyId, KeySpecPredicate demand) => key.Key!.Spec switch
    {
        { IsKnown: false } s => Outcome.Unknown($"the key spec of `{keyId}` is unknown: {s.UnknownReason}"),
        { Value: null } => Outcome.Unknown($"the input does not record the key spec of `{keyId}`"),
        { Value: { } spec } when demand.Specs.Contains(spec) => Outcome.Pass(),
        { Value: { } spec } => Outcome.Fail($"key `{keyId}` is {spec}, not {demand.Demand}"),
    };

    /// <summary>AWS managed keys are symmetric encryption keys (SYMMETRIC_DEFAULT) whose material KMS generates.</summary>
    private static Outcome AwsManagedSpec(KeySpecPredicate demand) =>
        demand.Specs.Contains("SYMMETRIC_DEFAULT") ? Outcome.Pass() : Outcome.Fail($"AWS managed keys are SYMMETRIC_DEFAULT, not {demand.Demand}");

    private static Outcome AwsManagedOrigin(ImmutableArray<string> origins) =>
        origins.Contains("AWS_KMS") ? Outcome.Pass() : Outcome.Fail($"AWS managed keys have their material from AWS_KMS, not {string.Join(" or ", origins)}");

    private static Outcome Origin(Resource key, string keyId, ImmutableArray<string> origins) => key.Key!.Origin switch
    {
        { IsKnown: false } o => Outcome.Unknown($"the origin of key `{keyId}` is unknown: {o.UnknownReason}"),
        { Value: null } => Outcome.Unknown($"the input does not record the origin of key `{keyId}`"),
        { Value: { } origin } when origins.Contains(origin) => Outcome.Pass(),
        { Value: { } origin } => Outcome.Fail($"key `{keyId}` has its material from {origin}, not {string.Join(" or ", origins)}"),
    };

    /// <summary>
    /// Every Region must hold a replica: from the Regions the key records (Config, live) and the replica key resources
    /// of the inputs. A Region no input shows is Unknown while some replica's Region, or the key's own list, is unknown.
    /// </summary>
    private static Outcome Replicated(Resource key, string keyId, KeyDirectory keys, ImmutableArray<string> regions)
    {
        var facts = key.Key!;
        if (facts.MultiRegion is { IsKnown: false } multi)
        {
            return Outcome.Unknown($"whether key `{keyId}` is multi-Region is unknown: {multi.UnknownReason}");
        }

        if (!facts.MultiRegion.Value)
        {
            return Outcome.Fail($"key `{keyId}` is a single-Region key");
        }

        var covered = new HashSet<string>(facts.ReplicaRegions.IsKnown ? facts.ReplicaRegions.Value : [], StringComparer.Ordinal);
        string? unknown = null;
        foreach (var replica in keys.ReplicasOf(key))
        {
            if (replica.Region is { IsKnown: true, Value: { } region })
            {
                covered.Add(region);
            }
            else
            {
                unknown ??= $"the Region of replica `{replica.Id}` is unknown: {replica.Region.UnknownReason ?? "not recorded"}";
            }
        }

        // A replica in the inputs whose Region is unknown says more than the key's own silence about its replicas.
        unknown ??= facts.ReplicaRegions.IsKnown ? null : facts.ReplicaRegions.UnknownReason;
        var missing = regions.Where(r => !covered.Contains(r)).ToList();
        if (missing.Count == 0)
        {
            return Outcome.Pass();
        }

        var names = string.Join(", ", missing);
        return unknown is null
            ? Outcome.Fail($"key `{keyId}` has no replica in {names}")
            : Outcome.Unknown($"whether key `{keyId}` has a replica in {names} is unknown: {unknown}");
    }

    private static Func<Resource, KeyDirectory, Outcome> Region(ImmutableArray<string> regions)
    {
        var allowed = regions.ToHashSet(StringComparer.Ordinal);
        return (resource, _) => resource.Region switch
        {
            { IsKnown: false } r => Outcome.Unknown($"its Region is unknown: {r.UnknownReason}"),
            { Value: null } => Outcome.Unknown("its Region is not recorded"),
            { Value: { } region } when allowed.Contains(region) => Outcome.Pass(),
            { Value: { } region } => Outcome.Fail($"it is in {region}, outside {string.Join(", ", regions)}"),
        };
    }

    private static Outcome TagsPresent(Resource resource, ImmutableArray<string> required)
    {
        if (resource.Key?.Manager is { IsKnown: true, Value: not KeyManager.Customer })
        {
            return Outcome.NotApplicable("AWS managed keys cannot be tagged by their account");
        }

        if (!resource.Tags.IsKnown)
        {
            return Outcome.Unknown($"its tags are unknown: {resource.Tags.UnknownReason}");
        }

        var tags = resource.Tags.Value;
        List<string>? missing = null;
        foreach (var tag in required)
        {
            if (!tags.ContainsKey(tag))
            {
                (missing ??= []).Add(tag);
            }
        }

        return missing is null ? Outcome.Pass() : Outcome.Fail($"missing the tag{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing.Select(t => $"`{t}`"))}");
    }
}
