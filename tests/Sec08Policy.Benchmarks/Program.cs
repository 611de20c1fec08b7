using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Running;
using Sec08Policy.Compiler;
using Sec08Policy.Compiler.Emit;
using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// <c>--quick [--rules N]</c> generates, parses, binds and builds (lower + emit, no disk) one policy once and prints
/// the figures; <c>--generate KIND N FILE [--seed S]</c> writes a generated input (see <see cref="InputTool"/>);
/// <c>--check-inputs [N]</c> generates every input kind, loads and evaluates it and prints what it holds;
/// <c>--eval-phases INPUT</c> times the steps of one <c>sec08 eval</c> (see <see cref="EvalPhases"/>);
/// <c>--alloc-profile INPUT</c> sums the runtime's allocation samples by type for each step (see <see cref="AllocationProfile"/>);
/// <c>--parse-floor INPUT</c> times one bare scan of an input, the floor eval is compared to (see <see cref="ParseFloor"/>);
/// <c>--collect N</c> collects N buckets and N keys from the loopback replay server (see <see cref="CollectBench"/>);
/// <c>--authz-quick</c> times the phases of the access decisions (see <see cref="AuthorizationQuick"/>);
/// <c>--iam-quick</c> times the IAM decision benchmarks with a stopwatch (see <see cref="IamDecisionBenchmarks"/>);
/// <c>--collect-config N</c> reads N configuration items through a replayed Config aggregator (see <see cref="ConfigCollectBench"/>); any other
/// arguments go to BenchmarkDotNet (e.g. <c>--filter '*'</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--quick"))
        {
            return Quick(RulesArgument(args));
        }

        if (args.Length > 0 && args[0] == "--generate")
        {
            return InputTool.Generate(args[1..]);
        }

        if (args.Length > 0 && args[0] == "--eval-phases")
        {
            return EvalPhases.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "--alloc-profile")
        {
            return AllocationProfile.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "--collect")
        {
            return CollectBench.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "--replay-server")
        {
            return CollectBench.Serve(args[1..]);
        }

        if (args.Length > 0 && args[0] == "--iam-quick")
        {
            return IamDecisionBenchmarks.Quick();
        }

        if (args.Length > 0 && args[0] == "--authz-quick")
        {
            return AuthorizationQuick.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "--collect-config")
        {
            return ConfigCollectBench.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "--replay-config-server")
        {
            return ConfigCollectBench.Serve(args[1..]);
        }

        if (args.Length > 0 && args[0] == "--parse-floor")
        {
            return ParseFloor.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "--check-inputs")
        {
            return InputTool.Check(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    private static int RulesArgument(string[] args)
    {
        var at = Array.IndexOf(args, "--rules");
        if (at < 0)
        {
            return FrontEndBenchmarks.RuleCount;
        }

        return at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var rules)
            ? rules
            : throw new ArgumentException("--rules needs a non-negative number");
    }

    private static int Quick(int rules)
    {
        var total = Stopwatch.StartNew();
        var text = PolicyGenerator.Generate(rules);
        var generated = total.Elapsed;

        var frontEnd = Stopwatch.StartNew();
        var tree = SyntaxTree.Parse(text, "generated.sec08");
        var parsed = frontEnd.Elapsed;
        var compilation = Compilation.Create([tree], new CompilationOptions { Today = PolicyGenerator.Today });
        var diagnostics = compilation.GetDiagnostics();
        var bound = frontEnd.Elapsed;

        var lines = text.Count(c => c == '\n');
        var errors = diagnostics.Count(d => d.IsError);
        Console.WriteLine($"rules:        {rules}");
        Console.WriteLine($"size:         {Encoding.UTF8.GetByteCount(text)} bytes, {lines} lines");
        Console.WriteLine($"diagnostics:  {diagnostics.Length} ({errors} errors)");
        Console.WriteLine($"generate:     {generated.TotalMilliseconds:F0} ms");
        Console.WriteLine($"parse:        {parsed.TotalMilliseconds:F0} ms");
        Console.WriteLine($"bind:         {(bound - parsed).TotalMilliseconds:F0} ms");
        Console.WriteLine($"parse + bind: {bound.TotalMilliseconds:F0} ms (first run in this process, JIT included)");
        var build = Stopwatch.StartNew();
        var emitted = compilation.Emit(new EmitOptions { ScpMaxCount = BuildBenchmarks.ScpMaxCount });
        var built = build.Elapsed;
        var buildErrors = emitted.Diagnostics.Where(d => d.IsError).ToList();
        Console.WriteLine($"build:        {built.TotalMilliseconds:F0} ms (lower + emit, first run), {(emitted.Success ? "ok" : "FAILED")}, {emitted.Diagnostics.Length} diagnostics ({buildErrors.Count} errors)");
        if (emitted.Success)
        {
            BuildSummary.Print(emitted);
        }
        else
        {
            Console.WriteLine($"  errors by id: {string.Join(", ", buildErrors.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}"))}");
        }

        foreach (var diagnostic in diagnostics.Where(d => d.IsError).Concat(buildErrors).Take(10))
        {
            Console.WriteLine($"  {diagnostic.Id} @{diagnostic.Location.Span.Start}: {diagnostic.Message}");
        }

        return errors == 0 && emitted.Success ? 0 : 1;
    }
}
