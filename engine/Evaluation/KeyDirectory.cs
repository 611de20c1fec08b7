using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>The KMS keys among the evaluated resources, by ID, with every alias that points at each.</summary>
internal sealed class KeyDirectory
{
    private readonly Dictionary<string, Resource> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _aliases = new(StringComparer.Ordinal);

    public KeyDirectory(IEnumerable<Resource> resources)
    {
        var all = resources.ToList();
        foreach (var key in all.Where(r => r.Kind == ResourceKind.KmsKey))
        {
            _keys[key.Id] = key;
            _aliases[key.Id] = new HashSet<string>(key.Key?.Aliases ?? [], StringComparer.Ordinal);
        }

        // Alias resources name their key by ID, ARN or input-local reference.
        foreach (var alias in all.Where(r => r.Kind == ResourceKind.KmsAlias && r.Alias is { TargetKey.IsKnown: true }))
        {
            var target = alias.Alias!.TargetKey.Value;
            var key = target is null ? null : _keys.Values.FirstOrDefault(k => Names(k, target));
            if (key is not null)
            {
                _aliases[key.Id].Add(alias.Alias.Name);
            }
        }
    }

    public Resource? Find(string id) => _keys.GetValueOrDefault(id);

    public IReadOnlySet<string> AliasesOf(string keyId) => _aliases.TryGetValue(keyId, out var aliases) ? aliases : new HashSet<string>();

    private static bool Names(Resource key, string reference) =>
        key.Id == reference
        || (key.Arn is { IsKnown: true, Value: { } arn } && arn == reference)
        || (key.Key?.KeyId is { } id && (id == reference || reference.EndsWith(":key/" + id, StringComparison.Ordinal)));
}
