using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Sec08Policy.Engine.Access;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// Access decisions on one core over the baseline policy: 100,000 generated requests (<see cref="AccessRequests"/>),
/// decided by the language's own procedure. The process is pinned to one CPU with non-concurrent GC.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SingleCoreConfig))]
public class AuthorizationBenchmarks
{
    public const int RequestCount = 100_000;

    private AccessDecider? _language;
    private AccessRequest[] _requests = [];

    [GlobalSetup]
    public void Setup()
    {
        _language = new AccessDecider(BaselinePolicy.Lower());
        _requests = AccessRequests.Generate(RequestCount);
        var outcomes = _requests.Select(r => _language.Decide(r).Outcome).GroupBy(o => o).OrderBy(g => g.Key);
        Console.WriteLine($"// {RequestCount} requests: " + string.Join(", ", outcomes.Select(g => $"{g.Key} {g.Count()}")));
    }

    [Benchmark]
    public int Language()
    {
        var allowed = 0;
        foreach (var request in _requests)
        {
            if (_language!.Decide(request).Outcome == AccessOutcome.Allowed)
            {
                allowed++;
            }
        }

        return allowed;
    }

    private sealed class SingleCoreConfig : ManualConfig
    {
        public SingleCoreConfig()
        {
            // Building the benchmark's boilerplate can take minutes on a shared, loaded machine.
            WithBuildTimeout(TimeSpan.FromMinutes(15));
            AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(10)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithAffinity(1)
            .WithGcConcurrent(false)
            .WithGcServer(false));
        }
    }
}
