using System.Diagnostics.Tracing;
using System.Globalization;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Reporting;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// <c>--alloc-profile INPUT [TOP]</c>: the runtime's allocation samples (one event per 100 KB allocated, naming the
/// type that crossed the mark) while loading INPUT, evaluating it against the baseline and writing the JSON report,
/// summed by type for each step. The samples estimate where the bytes go; the totals per step are exact.
/// </summary>
internal static class AllocationProfile
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: --alloc-profile INPUT [TOP]");
            return 2;
        }

        var top = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
        using var listener = new AllocationListener();
        var policy = BaselinePolicy.Lower();
        var input = Step(listener, "load", top, () => InputLoader.Load(args[0]));
        var result = Step(listener, "evaluate", top, () =>
            new Evaluator(policy, new EvaluationOptions(PolicyGenerator.Today)).Evaluate([.. input.Resources]));
        Step(listener, "report (json)", top, () =>
        {
            Reporter.Write(result, ReportFormat.Json, Stream.Null, color: false, "bench");
            return 0;
        });
        return 0;
    }

    private static T Step<T>(AllocationListener listener, string name, int top, Func<T> step)
    {
        listener.Reset();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var paused = GC.GetTotalPauseDuration();
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var value = step();
        var elapsed = watch.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var samples = listener.Take();
        var sampled = samples.Values.Sum();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: {elapsed.TotalSeconds:F2} s, {allocated / 1048576.0:F0} MB allocated, GC paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds:F2} s in {GC.CollectionCount(0) - collections[0]} collections (gen1 {GC.CollectionCount(1) - collections[1]}, gen2 {GC.CollectionCount(2) - collections[2]}), heap {GC.GetTotalMemory(false) / 1048576.0:F0} MB"));
        foreach (var (type, bytes) in samples.OrderByDescending(s => s.Value).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes * 100.0 / Math.Max(1, sampled),5:F1} %  {type}"));
        }

        return value;
    }

    /// <summary>Listens to the runtime's own event source for <c>GCAllocationTick</c> (GC keyword, verbose level).</summary>
    private sealed class AllocationListener : EventListener
    {
        private readonly Lock _gate = new();
        private Dictionary<string, long> _bytes = new(StringComparer.Ordinal);

        public void Reset()
        {
            lock (_gate)
            {
                _bytes = new Dictionary<string, long>(StringComparer.Ordinal);
            }
        }

        public Dictionary<string, long> Take()
        {
            lock (_gate)
            {
                var taken = _bytes;
                _bytes = new Dictionary<string, long>(StringComparer.Ordinal);
                return taken;
            }
        }

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null)
            {
                return;
            }

            var type = e.Payload![e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
            lock (_gate)
            {
                _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
            }
        }
    }
}
