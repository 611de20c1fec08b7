using System.Diagnostics;
using System.Globalization;
using Sec08Policy.Benchmarks.Generators;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Inputs;

namespace Sec08Policy.Benchmarks;

/// <summary>The command-line side of the input generators: write a file, or check every kind.</summary>
internal static class InputTool
{
    /// <summary>
    /// <c>KIND N FILE [--seed S]</c>: KIND is cfn, cfn-json, cfn-catalogue, terraform, terraform-pretty, config or inventory; N a resource count, or for
    /// config a size such as <c>250MB</c> or <c>1GB</c> (items are added until the file reaches it; streamed, so the
    /// file is never held in memory). FILE <c>-</c> is standard output.
    /// </summary>
    public static int Generate(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: --generate cfn|cfn-json|cfn-catalogue|terraform|terraform-pretty|config|inventory N|SIZE(MB|GB) FILE [--seed S]");
            return 2;
        }

        var format = InputGenerator.Parse(args[0]);
        var seed = args.Length >= 5 && args[3] == "--seed" ? int.Parse(args[4], CultureInfo.InvariantCulture) : InputGenerator.DefaultSeed;
        var watch = Stopwatch.StartNew();
        using var output = args[2] == "-" ? Console.OpenStandardOutput() : new FileStream(args[2], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        int count;
        if (Size(args[1]) is { } bytes)
        {
            if (format != GeneratedFormat.Config)
            {
                Console.Error.WriteLine("a size (MB, GB) is supported for config only; give a resource count");
                return 2;
            }

            count = InputGenerator.WriteConfigOfSize(output, bytes, seed);
        }
        else
        {
            count = int.Parse(args[1], NumberStyles.None, CultureInfo.InvariantCulture);
            InputGenerator.Write(format, count, output, seed);
        }

        output.Flush();
        var length = output.CanSeek ? output.Length : -1;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{format}: {count} resources, {length:N0} bytes, {watch.Elapsed.TotalSeconds:F1} s -> {args[2]}"));
        return 0;
    }

    /// <summary>
    /// <c>[N [KIND...]]</c>: generates N resources (default 10,000) in every kind (or those named), loads each from memory with <see cref="InputLoader"/>,
    /// checks the count, and evaluates the baseline policy; prints size, load time, types and verdicts. Exit 1 when a
    /// kind does not load to N resources.
    /// </summary>
    public static int Check(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], NumberStyles.None, CultureInfo.InvariantCulture) : 10_000;
        var formats = args.Length > 1 ? args[1..].Select(InputGenerator.Parse).ToArray() : Enum.GetValues<GeneratedFormat>();
        var evaluator = new Evaluator(BaselinePolicy.Lower(), new EvaluationOptions(PolicyGenerator.Today));
        var ok = true;
        foreach (var format in formats)
        {
            var watch = Stopwatch.StartNew();
            var bytes = InputGenerator.Bytes(format, count);
            var generated = watch.Elapsed;
            watch.Restart();
            var file = InputLoader.Load(new MemoryStream(bytes), InputGenerator.FileName(format));
            var loaded = watch.Elapsed;
            var verdicts = new long[Enum.GetValues<Verdict>().Length];
            var notApplicable = evaluator.Evaluate(file.Resources, f => verdicts[(int)f.Verdict]++);
            var pass = file.Resources.Length == count;
            ok &= pass;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{format,-10} {file.Kind,-15} {bytes.Length,13:N0} bytes  {file.Resources.Length,9:N0} resources {(pass ? "ok" : $"MISMATCH (want {count})")}  generate {generated.TotalMilliseconds,7:F0} ms  load {loaded.TotalMilliseconds,7:F0} ms"));
            Console.WriteLine("    types:    " + string.Join(", ", InputGenerator.CountByType(file.Resources).Select(t => $"{t.Key.Replace("AWS::", string.Empty, StringComparison.Ordinal)} {t.Value}")));
            Console.WriteLine("    verdicts: " + string.Join(", ", Enum.GetValues<Verdict>().Where(v => v != Verdict.NotApplicable).Select(v => $"{v} {verdicts[(int)v]}")) + $", NotApplicable {notApplicable}");
        }

        return ok ? 0 : 1;
    }

    private static long? Size(string text)
    {
        var upper = text.ToUpperInvariant();
        var factor = upper.EndsWith("GB", StringComparison.Ordinal) ? 1L << 30 : upper.EndsWith("MB", StringComparison.Ordinal) ? 1L << 20 : 0;
        return factor == 0 ? null : (long)(double.Parse(upper[..^2], CultureInfo.InvariantCulture) * factor);
    }
}
