using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>The KMS keys among the evaluated resources, by ID, with every alias that points at each.</summary>
internal sealed class KeyDirectory
{
    // Several input files may use the same local ID (two templates with a `Key`); keys are told apart by file.
    private readonly Dictionary<string, List<Resource>> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<Resource, HashSet<string>> _aliases = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Resource, List<Resource>> _replicas = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, List<Resource>> _byArn = new(StringComparer.Ordinal);

    public KeyDirectory(IEnumerable<Resource> resources)
    {
        var all = resources.ToList();
        foreach (var key in all.Where(r => r.Kind == ResourceKind.KmsKey))
        {
            (_keys.TryGetValue(key.Id, out var same) ? same : _keys[key.Id] = []).Add(key);
            _aliases[key] = new HashSet<string>(key.Key?.Aliases ?? [], StringComparer.Ordinal);
        }

        foreach (var key in _keys.Values.SelectMany(k => k))
        {
            if (key.Arn is { IsKnown: true, Value: { } keyArn })
            {
                (_byArn.TryGetValue(keyArn, out var same) ? same : _byArn[keyArn] = []).Add(key);
            }
        }

        foreach (var replica in _keys.Values.SelectMany(k => k).Where(k => k.Key?.Primary is not null))
        {
            if (PrimaryOf(replica) is { } primary)
            {
                (_replicas.TryGetValue(primary, out var list) ? list : _replicas[primary] = []).Add(replica);
            }
        }

        // Alias resources name their key by ID, ARN or input-local reference. Every name of every key is indexed once;
        // of the keys an alias names, the first in directory order from the alias's own file wins, else the first.
        var ordered = _keys.Values.SelectMany(k => k).ToList();
        var byName = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var byKeyId = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
        {
            var key = ordered[i];
            Index(byName, key.Id, i);
            if (key.Arn is { IsKnown: true, Value: { } arn })
            {
                Index(byName, arn, i);
            }

            if (key.Key?.KeyId is { } id)
            {
                Index(byName, id, i);
                Index(byKeyId, id, i);
            }
        }

        foreach (var alias in all.Where(r => r.Kind == ResourceKind.KmsAlias && r.Alias is { TargetKey.IsKnown: true }))
        {
            if (alias.Alias!.TargetKey.Value is not { } target)
            {
                continue;
            }

            var best = -1;
            void Consider(int i)
            {
                bool SameFile(int k) => ordered[k].Position.File == alias.Position.File;
                if (best < 0 || (SameFile(i) && !SameFile(best)) || (SameFile(i) == SameFile(best) && i < best))
                {
                    best = i;
                }
            }

            foreach (var i in byName.GetValueOrDefault(target) ?? [])
            {
                Consider(i);
            }

            var keyPart = target.LastIndexOf(":key/", StringComparison.Ordinal);
            foreach (var i in keyPart < 0 ? [] : byKeyId.GetValueOrDefault(target[(keyPart + 5)..]) ?? [])
            {
                Consider(i);
            }

            if (best >= 0)
            {
                _aliases[ordered[best]].Add(alias.Alias.Name);
            }
        }
    }

    /// <summary>The key with this ID, preferring one from the same input file as <paramref name="user"/>.</summary>
    public Resource? Find(string id, Resource user)
    {
        if (!_keys.TryGetValue(id, out var keys))
        {
            return null;
        }

        foreach (var key in keys)
        {
            if (key.Position.File == user.Position.File)
            {
                return key;
            }
        }

        return keys[0];
    }

    /// <summary>The primary key of a replica key, when it is among the inputs (by input-local ID, ARN or key ID).</summary>
    public Resource? PrimaryOf(Resource replica)
    {
        if (replica.Key is not { Primary: { IsKnown: true, Value: { } primary } } facts)
        {
            return null;
        }

        var local = facts.ResolvedPrimary ?? primary;
        return Find(local, replica)
            ?? (_byArn.TryGetValue(primary, out var byArn) ? byArn[0] : null)
            ?? (primary.LastIndexOf(":key/", StringComparison.Ordinal) is var at and >= 0 ? Find(primary[(at + 5)..], replica) : null);
    }

    /// <summary>The replica key resources whose primary is <paramref name="primary"/>.</summary>
    public IReadOnlyList<Resource> ReplicasOf(Resource primary) => _replicas.TryGetValue(primary, out var replicas) ? replicas : [];

    public IReadOnlySet<string> AliasesOf(Resource key) => _aliases.TryGetValue(key, out var aliases) ? aliases : new HashSet<string>();

    private static void Index(Dictionary<string, List<int>> index, string name, int key) =>
        (index.TryGetValue(name, out var keys) ? keys : index[name] = []).Add(key);
}
