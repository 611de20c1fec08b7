using System.Collections.Immutable;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>
/// The counts of a streamed evaluation, kept as resources and findings pass: findings by verdict, failures by
/// severity, not-applicable pairs, the KPIs and the compliance scores. What it holds grows with the keys and the
/// classification levels, not with the resources.
/// </summary>
internal sealed class EvaluationTotals(PolicySet policy, DateOnly today)
{
    private readonly int[] _verdicts = new int[Enum.GetValues<Verdict>().Length];
    private readonly int[] _failures = new int[Enum.GetValues<Severity>().Length];
    private readonly KpiCounter _kpis = new(policy, today);
    private readonly ComplianceCounter _compliance = new(policy);

    public long NotApplicable { get; private set; }

    public void Add(Resource resource, long notApplicable)
    {
        _kpis.Add(resource);
        NotApplicable += notApplicable;
    }

    public void Add(Finding finding)
    {
        _verdicts[(int)finding.Verdict]++;
        if (finding.Verdict == Verdict.Fail)
        {
            _failures[(int)finding.Rule.Severity]++;
        }

        _kpis.Add(finding);
        _compliance.Add(finding);
    }

    public int Count(Verdict verdict) => _verdicts[(int)verdict];

    public bool FailsAtOrAbove(Severity severity) => _failures.Skip((int)severity).Any(n => n > 0);

    public Kpis Kpis() => _kpis.Result();

    public ImmutableArray<FrameworkScore> Compliance() => ComplianceScores.Compute(_compliance);
}
