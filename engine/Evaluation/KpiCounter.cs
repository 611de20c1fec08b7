using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>
/// Sums the KPIs as resources and findings pass, so that an evaluation streamed from a snapshot needs no list of them:
/// a few counters per classification level, and the ID and rotation of each customer-managed key.
/// </summary>
internal sealed class KpiCounter(PolicySet policy, DateOnly today)
{
    private readonly Classifier _classifier = new(policy.Classification);
    private readonly LevelCounter _all = new();
    private readonly Dictionary<string, LevelCounter> _levels = new(StringComparer.Ordinal);
    private readonly List<(string Id, bool Rotates, bool Unknown)> _customerKeys = [];
    private readonly HashSet<string> _failedRotation = new(StringComparer.Ordinal);

    public void Add(Resource resource)
    {
        if (resource.Encryption is not null)
        {
            _all.Add(resource.Encryption);
            var level = _classifier.Classify(resource) is { IsKnown: true, Value: { } known } ? known : "(unknown)";
            (_levels.TryGetValue(level, out var counter) ? counter : _levels[level] = new LevelCounter()).Add(resource.Encryption);
        }

        if (resource.Key is { Manager: { IsKnown: true, Value: KeyManager.Customer } } key)
        {
            _customerKeys.Add((resource.Id, key.RotationEnabled is { IsKnown: true, Value: true }, !key.RotationEnabled.IsKnown));
        }
    }

    public void Add(Finding finding)
    {
        // A customer-managed key complies when it rotates and no rotation rule of the policy fails it (e.g. on its period).
        if (finding.Verdict == Verdict.Fail && finding.Rule.Check is Predicates.KeyRotationPredicate && finding.Resource.Kind == ResourceKind.KmsKey)
        {
            _failedRotation.Add(finding.Resource.Id);
        }
    }

    public Kpis Result()
    {
        var levels = policy.Classification?.Levels ?? [];
        var ordered = _levels
            .OrderBy(l => levels.IndexOf(l.Key) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => l.Value.Result(l.Key))
            .ToList();
        var rotation = new Share(
            _customerKeys.Count(k => k.Rotates && !_failedRotation.Contains(k.Id)),
            _customerKeys.Count,
            _customerKeys.Count(k => k.Unknown));
        return new Kpis(
            _all.Result("all"),
            [.. ordered],
            rotation,
            policy.Waivers.Count(w => w.Expires >= today),
            policy.Waivers.Count(w => w.Expires < today));
    }

    /// <summary>The data-holding resources of one level: how many, encrypted, under customer-managed keys, and unknown.</summary>
    private sealed class LevelCounter
    {
        private int _resources;
        private int _encrypted;
        private int _encryptionUnknown;
        private int _customerManaged;
        private int _managerUnknown;

        public void Add(EncryptionState encryption)
        {
            _resources++;
            _encrypted += encryption.Enabled is { IsKnown: true, Value: true } ? 1 : 0;
            _encryptionUnknown += encryption.Enabled.IsKnown ? 0 : 1;
            _customerManaged += encryption.KeyManager is { IsKnown: true, Value: KeyManager.Customer } ? 1 : 0;
            _managerUnknown += !encryption.Enabled.IsKnown || (encryption.Enabled.Value && !encryption.KeyManager.IsKnown) ? 1 : 0;
        }

        public LevelKpis Result(string level) => new(
            level,
            _resources,
            new Share(_encrypted, _resources, _encryptionUnknown),
            new Share(_customerManaged, _resources, _managerUnknown));
    }
}
