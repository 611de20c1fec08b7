using System.Diagnostics;
using System.Globalization;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Reporting;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// <c>--eval-phases INPUT [FORMAT]</c>: the steps of <c>sec08 eval --format FORMAT -o FILE</c> (default json) run
/// once in a fresh process, as the CLI runs them (compile and lower the baseline policy, load the input, evaluate
/// keeping the findings, write the report streamed into a file with <see cref="Reporter.Write"/>), with the time, the
/// bytes allocated, the GC heap after each step and the process's peak working set so far: a rough split of where a
/// whole-process run goes.
/// </summary>
internal static class EvalPhases
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: --eval-phases INPUT [text|json|sarif|junit|markdown]");
            return 2;
        }

        var format = args.Length > 1 ? Enum.Parse<ReportFormat>(args[1], ignoreCase: true) : ReportFormat.Json;
        var output = Path.Combine(Path.GetTempPath(), $"sec08-eval-phases-{Environment.ProcessId}.out");
        var total = Stopwatch.StartNew();
        Console.WriteLine($"{"step",-34} {"time",9} {"allocated",12} {"GC heap after",14} {"peak working set",17}");
        var policy = Step("compile + lower policies/", BaselinePolicy.Lower);
        var input = Step("load " + Path.GetFileName(args[0]), () => InputLoader.Load(args[0]));
        var result = Step($"evaluate ({input.Resources.Length:N0} resources)", () =>
            new Evaluator(policy, new EvaluationOptions(PolicyGenerator.Today)).Evaluate([.. input.Resources]));
        var written = Step($"write {format} ({result.Findings.Length:N0} findings)", () =>
        {
            using (var stream = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Reporter.Write(result, format, stream, color: false, "bench");
            }

            return new FileInfo(output).Length;
        });
        File.Delete(output);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"  (report bytes)",-34} {written,9:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"total",-34} {total.Elapsed.TotalSeconds,8:F2}s {GC.GetTotalAllocatedBytes() / 1048576.0,10:F0}MB {"",14} {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,15:F0}MB"));
        GC.KeepAlive(result);
        return 0;
    }

    private static T Step<T>(string name, Func<T> step)
    {
        var allocated = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        var value = step();
        var elapsed = watch.Elapsed;
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name,-34} {elapsed.TotalSeconds,8:F2}s {(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0,10:F0}MB {heap / 1048576.0,12:F0}MB {process.PeakWorkingSet64 / 1048576.0,15:F0}MB"));
        return value;
    }
}
