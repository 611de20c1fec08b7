using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>
/// Counts, per control of the frameworks the policy maps rules to, the resources under it by their worst verdict, as
/// findings pass. A resource's findings must come together (the evaluator gives them rule after rule), so only the
/// current resource's worst verdicts are held, never a set of resources.
/// </summary>
internal sealed class ComplianceCounter
{
    private readonly Dictionary<(string Framework, string Control), (SortedSet<string> Rules, int[] Resources)> _controls = [];
    private readonly Dictionary<(string Framework, string Control), Verdict> _current = [];
    private Resource? _resource;

    public ComplianceCounter(PolicySet policy)
    {
        foreach (var rule in policy.Rules)
        {
            foreach (var reference in rule.Compliance)
            {
                if (!_controls.TryGetValue((reference.Framework, reference.Control), out var entry))
                {
                    entry = (new SortedSet<string>(StringComparer.Ordinal), new int[Enum.GetValues<Verdict>().Length]);
                    _controls.Add((reference.Framework, reference.Control), entry);
                }

                entry.Rules.Add(rule.Id);
            }
        }
    }

    /// <summary>The controls, each with its rules (in ID order) and its resources by worst verdict (indexed by <see cref="Verdict"/>).</summary>
    public IEnumerable<(string Framework, string Control, IEnumerable<string> Rules, IReadOnlyList<int> Resources)> Controls
    {
        get
        {
            Flush();
            return _controls.Select(c => (c.Key.Framework, c.Key.Control, (IEnumerable<string>)c.Value.Rules, (IReadOnlyList<int>)c.Value.Resources));
        }
    }

    public void Add(Finding finding)
    {
        if (!ReferenceEquals(finding.Resource, _resource))
        {
            Flush();
            _resource = finding.Resource;
        }

        foreach (var reference in finding.Rule.Compliance)
        {
            var control = (reference.Framework, reference.Control);
            if (!_current.TryGetValue(control, out var seen) || Rank(finding.Verdict) > Rank(seen))
            {
                _current[control] = finding.Verdict;
            }
        }
    }

    /// <summary>The current resource is done: count it once under each of its controls.</summary>
    public void Flush()
    {
        foreach (var (control, verdict) in _current)
        {
            _controls[control].Resources[(int)verdict]++;
        }

        _current.Clear();
        _resource = null;
    }

    private static int Rank(Verdict verdict) => verdict switch
    {
        Verdict.Fail => 3,
        Verdict.Unknown => 2,
        Verdict.Waived => 1,
        _ => 0,
    };
}
