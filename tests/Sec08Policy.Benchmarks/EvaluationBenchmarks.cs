using BenchmarkDotNet.Attributes;
using Sec08Policy.Benchmarks.Generators;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// The evaluator on one core: the baseline policy (compiled and lowered once) against 1,000,000 normalized
/// resources, with the streaming overload and a counting sink, so findings are made but not kept. The benchmark
/// process is pinned to CPU 0 and uses non-concurrent GC, so no second core helps.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SingleCoreConfig))]
public class EvaluationBenchmarks
{
    public const int ResourceCount = 1_000_000;

    private Evaluator? _evaluator;
    private Resource[] _resources = [];
    private long _findings;

    /// <summary>Rules of the baseline policy; each (rule, resource) pair gets one verdict, not-applicable included.</summary>
    public int Rules { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var policy = BaselinePolicy.Lower();
        Rules = policy.Rules.Length;
        _evaluator = new Evaluator(policy, new EvaluationOptions(PolicyGenerator.Today));
        _resources = InputGenerator.NormalizedResources(ResourceCount);
        if (_resources.Length != ResourceCount)
        {
            throw new InvalidOperationException($"{_resources.Length} resources generated, {ResourceCount} asked for");
        }

        var verdicts = new long[Enum.GetValues<Verdict>().Length];
        var notApplicable = _evaluator.Evaluate(_resources, f => verdicts[(int)f.Verdict]++);
        Console.WriteLine($"// {Rules} rules x {_resources.Length} resources = {(long)Rules * _resources.Length} pairs; not applicable {notApplicable}; "
            + string.Join(", ", Enum.GetValues<Verdict>().Select(v => $"{v} {verdicts[(int)v]}")));
    }

    [Benchmark]
    public long Evaluate()
    {
        _findings = 0;
        var notApplicable = _evaluator!.Evaluate(_resources, Count);
        return notApplicable + _findings;
    }

    private void Count(Finding finding) => _findings++;
}
