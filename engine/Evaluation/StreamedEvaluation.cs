using System.Collections.Immutable;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>
/// An evaluation of an input read twice (<see cref="TwoPassInput"/>) that holds no list of resources or findings:
/// each listing of the findings reads the input again and checks one resource at a time against the keys kept from
/// the first pass, and the first listing that runs to its end keeps the counts, KPIs and compliance scores as sums.
/// A report that needs the counts before its findings costs one more read.
/// </summary>
public sealed class StreamedEvaluation : IReportSource
{
    private readonly TwoPassInput _input;
    private readonly EvaluationOptions _options;
    private readonly Evaluator _evaluator;
    private readonly KeyDirectory _keys;
    private EvaluationTotals? _totals;

    public StreamedEvaluation(PolicySet policy, EvaluationOptions options, TwoPassInput input)
    {
        _input = input;
        _options = options;
        _evaluator = new Evaluator(policy, options);
        _keys = new KeyDirectory(input.Kept);
    }

    public PolicySet Policy => _evaluator.Policy;

    public DateOnly Today => _options.Today;

    /// <summary>None: a streamed input is one file, and a malformed one ends the run before any report.</summary>
    public ImmutableArray<InputError> InputErrors => [];

    public int ResourceCount => _input.ResourceCount;

    public IReadOnlyList<string> Files => _input.Files;

    /// <summary>The findings in input order, which is report order: one input file, its resources by position, rules by ID.</summary>
    public IEnumerable<Finding> FindingsInOrder
    {
        get
        {
            var totals = _totals is null ? new EvaluationTotals(Policy, Today) : null;
            var waivers = _evaluator.Waivers();
            var findings = new List<Finding>();
            foreach (var resource in _input.Resources())
            {
                findings.Clear();
                var notApplicable = _evaluator.Evaluate(resource, _keys, waivers, findings.Add);
                totals?.Add(resource, notApplicable);
                foreach (var finding in findings)
                {
                    totals?.Add(finding);
                    yield return finding;
                }
            }

            // Only a listing that saw every finding may stand for the counts.
            _totals ??= totals;
        }
    }

    public long NotApplicable => Totals.NotApplicable;

    public Kpis Kpis => Totals.Kpis();

    public ImmutableArray<FrameworkScore> Compliance => Totals.Compliance();

    private EvaluationTotals Totals
    {
        get
        {
            if (_totals is null)
            {
                foreach (var _ in FindingsInOrder)
                {
                    // Read through once, for the counts.
                }
            }

            return _totals!;
        }
    }

    public int Count(Verdict verdict) => Totals.Count(verdict);

    public bool FailsAtOrAbove(Severity severity) => Totals.FailsAtOrAbove(severity);
}
