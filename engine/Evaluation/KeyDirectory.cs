using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>The KMS keys among the evaluated resources, by ID, with every alias that points at each.</summary>
internal sealed class KeyDirectory
{
    // Several input files may use the same local ID (two templates with a `Key`); keys are told apart by file.
    private readonly Dictionary<string, List<Resource>> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<Resource, HashSet<string>> _aliases = new(ReferenceEqualityComparer.Instance);

    public KeyDirectory(IEnumerable<Resource> resources)
    {
        var all = resources.ToList();
        foreach (var key in all.Where(r => r.Kind == ResourceKind.KmsKey))
        {
            (_keys.TryGetValue(key.Id, out var same) ? same : _keys[key.Id] = []).Add(key);
            _aliases[key] = new HashSet<string>(key.Key?.Aliases ?? [], StringComparer.Ordinal);
        }

        // Alias resources name their key by ID, ARN or input-local reference.
        foreach (var alias in all.Where(r => r.Kind == ResourceKind.KmsAlias && r.Alias is { TargetKey.IsKnown: true }))
        {
            var target = alias.Alias!.TargetKey.Value;
            var key = target is null ? null : _keys.Values.SelectMany(k => k)
                .OrderBy(k => k.Position.File == alias.Position.File ? 0 : 1)
                .FirstOrDefault(k => Names(k, target));
            if (key is not null)
            {
                _aliases[key].Add(alias.Alias.Name);
            }
        }
    }

    /// <summary>The key with this ID, preferring one from the same input file as <paramref name="user"/>.</summary>
    public Resource? Find(string id, Resource user) =>
        _keys.TryGetValue(id, out var keys) ? keys.FirstOrDefault(k => k.Position.File == user.Position.File) ?? keys[0] : null;

    public IReadOnlySet<string> AliasesOf(Resource key) => _aliases.TryGetValue(key, out var aliases) ? aliases : new HashSet<string>();

    private static bool Names(Resource key, string reference) =>
        key.Id == reference
        || (key.Arn is { IsKnown: true, Value: { } arn } && arn == reference)
        || (key.Key?.KeyId is { } id && (id == reference || reference.EndsWith(":key/" + id, StringComparison.Ordinal)));
}
