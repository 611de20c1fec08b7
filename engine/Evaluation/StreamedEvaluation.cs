using System.Collections.Immutable;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>
/// An evaluation that holds no list of findings: each listing of the findings checks one resource at a time against
/// the keys kept apart, and the first listing that runs to its end keeps the counts, KPIs and compliance scores as
/// sums. The resources are an input read twice (<see cref="TwoPassInput"/>, which holds no list of them either) or
/// resources held (<see cref="HeldResources"/>). A report that needs the counts before its findings costs one more
/// listing.
/// </summary>
public sealed class StreamedEvaluation : IReportSource
{
    private readonly IResourcePasses _input;
    private readonly EvaluationOptions _options;
    private readonly Evaluator _evaluator;
    private readonly KeyDirectory _keys;
    private EvaluationTotals? _totals;

    public StreamedEvaluation(PolicySet policy, EvaluationOptions options, IResourcePasses input, ImmutableArray<InputError> inputErrors = default)
    {
        _input = input;
        InputErrors = inputErrors.IsDefault ? [] : inputErrors;
        _options = options;
        _evaluator = new Evaluator(policy, options);
        _keys = new KeyDirectory(input.Kept);
    }

    public PolicySet Policy => _evaluator.Policy;

    public DateOnly Today => _options.Today;

    /// <summary>The inputs that could not be read; none for a snapshot read twice, where a malformed one ends the run before any report.</summary>
    public ImmutableArray<InputError> InputErrors { get; }

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
