using BenchmarkDotNet.Attributes;
using Sec08Policy.Compiler;
using Sec08Policy.Compiler.Formatting;
using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Benchmarks;

/// <summary>Parse, bind and format a generated 10,000-rule policy, and the repository's baseline policy set.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class FrontEndBenchmarks
{
    public const int RuleCount = 10_000;
    private const string GeneratedPath = "generated.sec08";

    private static readonly CompilationOptions s_options = new() { Today = PolicyGenerator.Today };

    private string _text = string.Empty;
    private SyntaxTree? _tree;
    private (string Path, string Text)[] _baseline = [];

    [GlobalSetup]
    public void Setup()
    {
        _text = PolicyGenerator.Generate(RuleCount);
        _tree = SyntaxTree.Parse(_text, GeneratedPath);
        PolicyChecks.ThrowOnErrors(Compilation.Create([_tree], s_options), "generated policy");

        _baseline = BaselinePolicy.Files();
        PolicyChecks.ThrowOnErrors(BindBaseline(), "baseline policy set");
    }

    [Benchmark]
    public SyntaxTree Parse() => SyntaxTree.Parse(_text, GeneratedPath);

    [Benchmark]
    public int ParseAndBind() => Compilation.Create([SyntaxTree.Parse(_text, GeneratedPath)], s_options).GetDiagnostics().Length;

    [Benchmark]
    public string Format() => PolicyFormatter.Format(_tree!);

    [Benchmark]
    public int ParseAndBindBaseline() => BindBaseline().GetDiagnostics().Length;

    private Compilation BindBaseline() =>
        Compilation.Create(_baseline.Select(file => SyntaxTree.Parse(file.Text, file.Path)), s_options);
}
