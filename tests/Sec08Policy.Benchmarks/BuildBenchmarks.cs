using BenchmarkDotNet.Attributes;
using Sec08Policy.Compiler;
using Sec08Policy.Compiler.Emit;
using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// <c>build</c> without the disk: lower and emit every document (IAM, KMS, SCP, rules.json, templates, manifest) for
/// the baseline policy set and for the generated 10,000-rule policy (already parsed and bound).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class BuildBenchmarks
{
    private static readonly CompilationOptions s_options = new() { Today = PolicyGenerator.Today };

    // The generated policy has thousands of preventive clauses; give the packer room so the benchmark measures a build.
    public const int ScpMaxCount = 10_000;

    private static readonly EmitOptions s_generous = new() { ScpMaxCount = ScpMaxCount };

    private Compilation? _baseline;
    private Compilation? _generated;

    [GlobalSetup]
    public void Setup()
    {
        _baseline = BaselinePolicy.Compile();
        _generated = Compilation.Create([SyntaxTree.Parse(PolicyGenerator.Generate(FrontEndBenchmarks.RuleCount), "generated.sec08")], s_options);
        Require(_baseline.Emit(), "baseline");
        Require(_generated.Emit(s_generous), "generated");
    }

    [Benchmark]
    public int BuildBaseline() => _baseline!.Emit().Artifacts.Length;

    [Benchmark]
    public int BuildGenerated() => _generated!.Emit(s_generous).Artifacts.Length;

    private static void Require(EmitResult result, string name)
    {
        if (!result.Success)
        {
            var first = result.Diagnostics.First(d => d.IsError);
            throw new InvalidOperationException($"{name} policy does not build: {first.Id} {first.Message}");
        }
    }
}
