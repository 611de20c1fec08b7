using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Sec08Policy.Compiler.Emit;
using Sec08Policy.Engine.Access;
using Sec08Policy.Engine.Iam;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Verification;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// Access decisions on one core over the baseline policy: 100,000 generated requests (<see cref="AccessRequests"/>),
/// decided by the language's own procedure and by the compiled documents through the IAM decision engine; and
/// <c>verify</c> of the baseline, in process. The process is pinned to one CPU with non-concurrent GC. The documents'
/// decision rate is measured on requests already in the IAM engine's form (converted once, as a batch of requests may
/// be decided again); turning requests into that form is measured on its own, and with the decision.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SingleCoreConfig))]
public class AuthorizationBenchmarks
{
    public const int RequestCount = 100_000;

    private AccessDecider? _language;
    private CompiledDocuments? _documents;
    private KeySpec?[] _keys = [];
    private PolicySet? _policy;
    private AccessRequest[] _requests = [];
    private IamRequest[] _converted = [];

    [GlobalSetup]
    public void Setup()
    {
        _policy = BaselinePolicy.Lower();
        _language = new AccessDecider(_policy);
        _documents = CompiledDocuments.From(BaselinePolicy.Compile().Emit(new EmitOptions()).Artifacts.Select(a => (a.Path, a.Content)));
        _requests = AccessRequests.Generate(RequestCount);
        _keys = [.. _requests.Select(r => _language.FindKey(r.Resource))];
        _converted = Convert();
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

    /// <summary>The compiled documents' decisions on requests in the IAM engine's form, their request contexts built.</summary>
    [Benchmark]
    public int Documents()
    {
        var allowed = 0;
        for (var i = 0; i < _converted.Length; i++)
        {
            if (_documents!.Decide(_converted[i], _keys[i]).Outcome == IamDecisionOutcome.Allowed)
            {
                allowed++;
            }
        }

        return allowed;
    }

    /// <summary>Turning each request into the IAM engine's form and building its request context.</summary>
    [Benchmark]
    public int ConvertRequests() => Convert().Length;

    /// <summary>Converting and deciding each request, as <c>verify</c> and <c>authorize</c> do for a request they see once.</summary>
    [Benchmark]
    public int ConvertAndDecide()
    {
        var allowed = 0;
        for (var i = 0; i < _requests.Length; i++)
        {
            if (_documents!.Decide(_requests[i], _keys[i]).Outcome == IamDecisionOutcome.Allowed)
            {
                allowed++;
            }
        }

        return allowed;
    }

    /// <summary><c>sec08 verify</c> of the baseline after the build: enumerating the classes and deciding each twice.</summary>
    [Benchmark]
    public int Verify() => Verifier.Verify(_policy!, _documents!, new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero)).Checked;

    private IamRequest[] Convert()
    {
        var converted = new IamRequest[_requests.Length];
        for (var i = 0; i < converted.Length; i++)
        {
            converted[i] = CompiledDocuments.ToIam(_requests[i], _keys[i]);
            _ = converted[i].RequestContext;
        }

        return converted;
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
