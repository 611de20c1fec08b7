using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// One core: the benchmark process is pinned to CPU 0 and uses non-concurrent GC, so no second core helps; each
/// invocation is long (a whole workload), so it is measured as it runs, five times after one warm-up.
/// </summary>
internal sealed class SingleCoreConfig : ManualConfig
{
    public SingleCoreConfig() => AddJob(Job.Default
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(5)
        .WithInvocationCount(1)
        .WithUnrollFactor(1)
        .WithAffinity(1)
        .WithGcConcurrent(false)
        .WithGcServer(false));
}
