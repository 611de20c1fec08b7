using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs;

/// <summary>
/// The keys and aliases of an input set, indexed by every name that can refer to them, linking one resource at a
/// time: for a whole input set (<see cref="InputSetResolver"/>), or for resources that stream past after their
/// keys were read (an organization's configuration items). An alias name means a key of the same account and Region
/// (two accounts may each have an <c>alias/data</c>): where the account and Region are known on both sides, only such
/// a key is linked.
/// </summary>
public sealed class KeyLinker
{
    private readonly Dictionary<string, Resource> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Resource> _aliases = new(StringComparer.Ordinal);
    private readonly EbsDefaults _ebsDefaults = new();

    /// <param name="resources">
    /// Resources among which the keys, the aliases and the accounts' EBS encryption by default are (others are skipped).
    /// </param>
    public KeyLinker(IEnumerable<Resource> resources)
    {
        var aliases = new List<Resource>();
        foreach (var key in resources)
        {
            _ebsDefaults.Add(key);
            if (key.Kind == ResourceKind.KmsAlias && key.Alias is not null)
            {
                aliases.Add(key);
                _aliases.TryAdd(key.Id, key);
                _aliases.TryAdd(key.Alias.Name, key);
            }

            if (key.Kind != ResourceKind.KmsKey)
            {
                continue;
            }

            _index.TryAdd(key.Id, key);
            if (key.Arn is { IsKnown: true, Value: { } arn })
            {
                _index.TryAdd(arn, key);
                _index.TryAdd(KeyIdOf(arn), key);
            }

            if (key.Key?.KeyId is { } keyId)
            {
                _index.TryAdd(keyId, key);
            }

            foreach (var alias in key.Key?.Aliases ?? [])
            {
                _index.TryAdd(alias, key);
                if (Scoped(key.Account, key.Region, alias) is { } scoped)
                {
                    _index.TryAdd(scoped, key);
                }
            }
        }

        // Aliases point at keys by ID, ARN or local reference; register the alias names (and the alias resource) too.
        foreach (var alias in aliases)
        {
            if (alias.Alias!.TargetKey is { IsKnown: true, Value: { } target } && Find(target, alias.Account, alias.Region) is { } key)
            {
                _index.TryAdd(alias.Alias.Name, key);
                _index.TryAdd(alias.Id, key);
                if (Scoped(alias.Account, alias.Region, alias.Alias.Name) is { } scoped)
                {
                    _index.TryAdd(scoped, key);
                }
            }
        }
    }

    /// <summary>The resource with its encryption linked to the key it names; the same instance when nothing changes.</summary>
    public Resource Link(Resource resource)
    {
        // A resource whose encryption links to nothing new is kept as it is, not copied. The copies name their keys as
        // the resource does (a snapshot copy's key, a replica's key).
        var linked = resource.Encryption is null ? null : Link(resource, resource.Encryption);
        var copies = resource.Copies is null ? null : Link(resource, resource.Copies);
        return ReferenceEquals(linked, resource.Encryption) && ReferenceEquals(copies, resource.Copies)
            ? resource
            : resource with { Encryption = linked, Copies = copies };
    }

    private EncryptionState Link(Resource resource, EncryptionState encryption)
    {
        if (resource.Entry is { FollowsEbsDefault: true } && encryption is { LeftToDeployment: true, Enabled.IsKnown: false } && _ebsDefaults.OnFor(resource))
        {
            // With encryption by default on, a volume created without a setting is encrypted with the default key; a
            // value that could not be read stays Unknown.
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

        if (Find(target, resource.Account, resource.Region) is { } key)
        {
            // A key read without its key settings (an inventory entry holding only its ARN) has no known manager.
            var manager = key.Key is { } settings
                ? settings.Manager.Select(m => (KeyManager?)m)
                : Fact<KeyManager?>.Unknown($"key `{key.Id}` is among the inputs without its key settings");
            return encryption with { ResolvedKey = key.Id, KeyManager = manager };
        }

        if (WhyNoKey(target) is { } reason)
        {
            return encryption with { KeyReference = Fact<string?>.Unknown(reason), KeyManager = Fact<KeyManager?>.Unknown(reason) };
        }

        return encryption;
    }

    /// <summary>
    /// Why a reference to an alias reaches no key: the alias names another alias (KMS lets an alias name only a key),
    /// or a chain of aliases loops. Null when the reference is no alias, or one that names something else.
    /// </summary>
    private string? WhyNoKey(string reference)
    {
        if (!_aliases.TryGetValue(reference, out var first))
        {
            return null;
        }

        var chain = new List<Resource> { first };
        while (chain[^1].Alias!.TargetKey is { IsKnown: true, Value: { } target } && _aliases.TryGetValue(target, out var next))
        {
            if (chain.Exists(a => ReferenceEquals(a, next)))
            {
                var loop = chain.Skip(chain.FindIndex(a => ReferenceEquals(a, next))).Append(next).Select(a => $"`{a.Id}`");
                return $"the aliases {string.Join(" -> ", loop)} point at each other, never at a key";
            }

            chain.Add(next);
        }

        return chain.Count > 1 ? $"alias `{first.Id}` points at alias `{chain[1].Id}`, but a KMS alias can only point at a key" : null;
    }

    /// <summary>The key a reference names, for a resource in <paramref name="account"/> and <paramref name="region"/>.</summary>
    private Resource? Find(string reference, Fact<string?> account, Fact<string?> region)
    {
        var colon = reference.LastIndexOf(":alias/", StringComparison.Ordinal);
        var aliasAt = reference.StartsWith("alias/", StringComparison.Ordinal) ? 0 : colon < 0 ? -1 : colon + 1;
        if (aliasAt < 0)
        {
            // A key ID or ARN, unique across accounts.
            return _index.TryGetValue(reference, out var key) || _index.TryGetValue(KeyIdOf(reference), out key) ? key : null;
        }

        // An alias name means the key of its own account and Region; an alias ARN says which those are.
        var name = reference[aliasAt..];
        if (aliasAt > 0)
        {
            var arn = reference.Split(':');
            (account, region) = arn.Length >= 6 ? (Fact<string?>.Known(arn[4]), Fact<string?>.Known(arn[3])) : (account, region);
            if (_index.TryGetValue(reference, out var byArn))
            {
                return byArn;
            }
        }

        if (Scoped(account, region, name) is { } scoped && _index.TryGetValue(scoped, out var own))
        {
            return own;
        }

        return _index.TryGetValue(name, out var named) && Same(named.Account, account) && Same(named.Region, region) ? named : null;
    }

    /// <summary>An alias name qualified by its account and Region, when both are known.</summary>
    private static string? Scoped(Fact<string?> account, Fact<string?> region, string alias) =>
        account is { IsKnown: true, Value: { } a } && region is { IsKnown: true, Value: { } r } ? $"{a}|{r}|{alias}" : null;

    /// <summary>False only when both sides know the value and it differs.</summary>
    private static bool Same(Fact<string?> one, Fact<string?> other) =>
        one is not { IsKnown: true, Value: { } a } || other is not { IsKnown: true, Value: { } b } || a == b;

    private static string KeyIdOf(string arn)
    {
        var marker = arn.LastIndexOf(":key/", StringComparison.Ordinal);
        return marker >= 0 ? arn[(marker + 5)..] : arn;
    }
}
