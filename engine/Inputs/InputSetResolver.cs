using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs;

/// <summary>
/// Links resources within one input set: a key reference (ID, ARN, alias name or ARN, or an input-local reference)
/// to the key resource it names, whose manager then says whether the data is under a customer-managed key; EBS volumes without an explicit setting to the account's encryption-by-default.
/// </summary>
public static class InputSetResolver
{
    public static List<Resource> Resolve(IReadOnlyList<Resource> resources)
    {
        var keys = resources.Where(r => r.Kind == ResourceKind.KmsKey).ToList();
        var index = new Dictionary<string, Resource>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            index.TryAdd(key.Id, key);
            if (key.Arn is { IsKnown: true, Value: { } arn })
            {
                index.TryAdd(arn, key);
                index.TryAdd(KeyIdOf(arn), key);
            }

            if (key.Key?.KeyId is { } keyId)
            {
                index.TryAdd(keyId, key);
            }

            foreach (var alias in key.Key?.Aliases ?? [])
            {
                index.TryAdd(alias, key);
            }
        }

        // Aliases point at keys by ID, ARN or local reference; register the alias names (and the alias resource) too.
        foreach (var alias in resources.Where(r => r.Kind == ResourceKind.KmsAlias && r.Alias is not null))
        {
            if (alias.Alias!.TargetKey is { IsKnown: true, Value: { } target } && Find(index, target) is { } key)
            {
                index.TryAdd(alias.Alias.Name, key);
                index.TryAdd(alias.Id, key);
            }
        }

        var ebsDefault = resources.FirstOrDefault(r => r.EbsEncryptionByDefault is not null)?.EbsEncryptionByDefault;

        var result = new List<Resource>(resources.Count);
        foreach (var resource in resources)
        {
            // A resource whose encryption links to nothing new is kept as it is, not copied.
            var linked = resource.Encryption is null ? null : Link(resource, index, ebsDefault);
            result.Add(linked is null || ReferenceEquals(linked, resource.Encryption) ? resource : resource with { Encryption = linked });
        }

        return result;
    }

    private static EncryptionState Link(Resource resource, Dictionary<string, Resource> index, Fact<bool>? ebsDefault)
    {
        var encryption = resource.Encryption!;
        if (resource.Entry is { FollowsEbsDefault: true } && !encryption.Enabled.IsKnown && ebsDefault is { IsKnown: true, Value: true })
        {
            // With encryption by default on, a volume created without a setting is encrypted with the default key.
            encryption = EncryptionState.Kms(Fact<string?>.Known(null), "aws:kms", "alias/aws/ebs");
        }

        // Already linked within its own file (where local names such as logical IDs are unique): keep it.
        if (encryption.ResolvedKey is not null && encryption.KeyManager.IsKnown)
        {
            return encryption;
        }

        var target = encryption.ResolvedKey ?? (encryption.KeyReference is { IsKnown: true, Value: { } reference } ? reference : null);
        if (target is null || !encryption.Enabled.IsKnown || !encryption.Enabled.Value)
        {
            return encryption;
        }

        if (Find(index, target) is { } key)
        {
            var manager = key.Key!.Manager.Select(m => (KeyManager?)m);
            return encryption with { ResolvedKey = key.Id, KeyManager = manager };
        }

        return encryption;
    }

    private static Resource? Find(Dictionary<string, Resource> index, string reference)
    {
        if (index.TryGetValue(reference, out var key))
        {
            return key;
        }

        // An alias ARN or a key ARN whose key is known only by ID (or the other way round).
        var colon = reference.LastIndexOf(":alias/", StringComparison.Ordinal);
        if (colon >= 0 && index.TryGetValue(reference[(colon + 1)..], out key))
        {
            return key;
        }

        return index.TryGetValue(KeyIdOf(reference), out key) ? key : null;
    }

    private static string KeyIdOf(string arn)
    {
        var marker = arn.LastIndexOf(":key/", StringComparison.Ordinal);
        return marker >= 0 ? arn[(marker + 5)..] : arn;
    }
}
