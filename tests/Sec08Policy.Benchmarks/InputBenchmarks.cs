using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Sec08Policy.Benchmarks.Generators;
using Sec08Policy.Engine.Inputs;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// <c>InputLoader.Load</c> of a generated input of each format from a byte array in memory: parse, adapt to the
/// normalized model and link keys, as <c>sec08 eval</c>/<c>inspect</c> do per file (no disk). 100,000 resources in
/// every format (before commit d61446b the Terraform plans ran at 2,000 and 10,000, since their load grew with the
/// square of the plan).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class InputBenchmarks
{
    public const int ResourceCount = 100_000;

    private byte[] _bytes = [];
    private string _name = string.Empty;

    [ParamsSource(nameof(Cases))]
    public InputCase Input { get; set; } = new(GeneratedFormat.Cfn, ResourceCount);

    public static IEnumerable<InputCase> Cases =>
    [
        new(GeneratedFormat.Cfn, ResourceCount),
        new(GeneratedFormat.CfnJson, ResourceCount),
        new(GeneratedFormat.Terraform, ResourceCount),
        new(GeneratedFormat.TerraformPretty, ResourceCount),
        new(GeneratedFormat.Config, ResourceCount),
        new(GeneratedFormat.Inventory, ResourceCount),
    ];

    [GlobalSetup]
    public void Setup()
    {
        _name = InputGenerator.FileName(Input.Format);
        _bytes = InputGenerator.Bytes(Input.Format, Input.Resources);
        var loaded = InputLoader.Load(new MemoryStream(_bytes), _name).Resources.Length;
        if (loaded != Input.Resources)
        {
            throw new InvalidOperationException($"{Input}: {loaded} resources loaded, {Input.Resources} generated");
        }

        Console.WriteLine($"// {Input}: {_bytes.Length} bytes, {loaded} resources");
    }

    [Benchmark]
    public int Load() => InputLoader.Load(new MemoryStream(_bytes), _name).Resources.Length;

    /// <summary>A format and a resource count, shown as <c>Cfn/100000</c>.</summary>
    public sealed record InputCase(GeneratedFormat Format, int Resources)
    {
        public override string ToString() => $"{Format}/{Resources}";
    }
}
