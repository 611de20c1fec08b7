using System.Collections.Immutable;
using System.Threading.Channels;
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
    /// <summary>Findings handed to the report at a time, and how many such batches the evaluation may run ahead.</summary>
    private const int BatchSize = 4096;

    private const int BatchesAhead = 4;

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

    /// <summary>
    /// The findings in input order, which is report order: one input file, its resources by position, rules by ID.
    /// The resources are read and evaluated on another thread, a few batches ahead of the report that lists them.
    /// </summary>
    public IEnumerable<Finding> FindingsInOrder
    {
        get
        {
            var totals = _totals is null ? new EvaluationTotals(Policy, Today) : null;
            using var stop = new CancellationTokenSource();
            var batches = Channel.CreateBounded<List<Finding>>(new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
            var producing = Task.Run(() => Produce(batches.Writer, totals, stop.Token));
            try
            {
                while (batches.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                {
                    while (batches.Reader.TryRead(out var batch))
                    {
                        foreach (var finding in batch)
                        {
                            yield return finding;
                        }
                    }
                }

                producing.GetAwaiter().GetResult(); // what went wrong while reading, such as a snapshot that changed
            }
            finally
            {
                // A listing left early (the first finding of a kind was sought) stops the evaluation too.
                stop.Cancel();
                try
                {
                    producing.Wait();
                }
                catch (AggregateException)
                {
                    // Stopped as asked, or failed: a failure was thrown above when the listing ran to its end, and
                    // otherwise the listing's own exception is the one to report.
                }
            }

            // Only a listing that saw every finding may stand for the counts.
            _totals ??= totals;
        }
    }

    /// <summary>Evaluates every resource in order into batches of findings, counting them into <paramref name="totals"/> when given.</summary>
    private void Produce(ChannelWriter<List<Finding>> batches, EvaluationTotals? totals, CancellationToken stop)
    {
        try
        {
            var waivers = _evaluator.Waivers();
            var batch = new List<Finding>(BatchSize);
            var resourceFindings = new List<Finding>();
            foreach (var resource in _input.Resources())
            {
                stop.ThrowIfCancellationRequested();
                resourceFindings.Clear();
                var notApplicable = _evaluator.Evaluate(resource, _keys, waivers, resourceFindings.Add);
                totals?.Add(resource, notApplicable);
                foreach (var finding in resourceFindings)
                {
                    totals?.Add(finding);
                    batch.Add(finding);
                }

                if (batch.Count >= BatchSize)
                {
                    Write(batches, batch, stop);
                    batch = new List<Finding>(BatchSize);
                }
            }

            Write(batches, batch, stop);
        }
        finally
        {
            batches.TryComplete();
        }
    }

    private static void Write(ChannelWriter<List<Finding>> batches, List<Finding> batch, CancellationToken stop)
    {
        if (!batches.TryWrite(batch))
        {
            batches.WriteAsync(batch, stop).AsTask().GetAwaiter().GetResult();
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
