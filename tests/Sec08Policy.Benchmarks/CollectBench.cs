using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Amazon.Runtime;
using Sec08Policy.Collector;
using Sec08Policy.Tests.Collect;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// <c>--collect N [--concurrency C] [--server-process]</c>: live collection against the replay tests' loopback AWS
/// server (<see cref="AwsReplayServer"/>, compiled in from the test project). The server holds one account with N S3
/// buckets (encryption and tags) and N customer-managed KMS keys (rotation, tags, one alias each) in eu-west-1; one
/// <see cref="AwsCollector.CollectAsync"/> runs against it through the real AWS SDK clients, and the wall time, the
/// HTTP requests the server answered, requests per second, the resources collected, CPU time, bytes allocated and the
/// peak working set are printed. One collection per process (peak working set only grows): run it several times.
/// <para>
/// By default the server runs in this process, so memory and CPU figures are client and server together.
/// <c>--server-process</c> starts the server in a child process (<c>--replay-server N</c>) instead, so that this
/// process's figures are the collector's alone; the child reports its own at the end. Either way client and server
/// share the machine's cores.
/// </para>
/// Exit 1 unless exactly N buckets, N keys and N aliases were collected with no errors.
/// </summary>
internal static class CollectBench
{
    private const string AccountId = "111122223333";
    private const string AccessKey = "AKIDREPLAYBENCH";
    private const string Region = "eu-west-1";
    private static readonly string[] s_levels = ["public", "internal", "confidential", "restricted"];
    private static readonly string[] s_teams = ["payments", "identity", "analytics", "platform"];

    public static int Run(string[] args)
    {
        if (args.Length < 1 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            Console.Error.WriteLine("usage: --collect N [--concurrency C] [--server-process]");
            return 2;
        }

        var at = Array.IndexOf(args, "--concurrency");
        var concurrency = at >= 0 ? int.Parse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture) : new CollectOptions { Regions = [Region] }.MaxConcurrency;
        return args.Contains("--server-process") ? RunWithChildServer(count, concurrency) : RunInProcess(count, concurrency);
    }

    /// <summary><c>--replay-server N</c>: the child side of <c>--server-process</c>.</summary>
    public static int Serve(string[] args)
    {
        var count = int.Parse(args[0], NumberStyles.None, CultureInfo.InvariantCulture);
        using var server = Start(count);
        Console.Out.WriteLine(server.Endpoint);
        Console.Out.Flush();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        _ = Console.In.ReadLine(); // the parent writes a line (or closes stdin) when its collection is done
        using var process = Process.GetCurrentProcess();
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{server.Log.Count} {(process.TotalProcessorTime - cpu).TotalSeconds:F2} {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:F0} {process.PeakWorkingSet64 / 1048576.0:F0}"));
        Console.Out.Flush();
        return 0;
    }

    private static int RunInProcess(int count, int concurrency)
    {
        var setup = Stopwatch.StartNew();
        using var server = Start(count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replay server (in this process) at {server.Endpoint}: {count:N0} buckets, {count:N0} keys, {count:N0} aliases in {Region}; set up in {setup.Elapsed.TotalMilliseconds:F0} ms"));
        var (ok, _) = Collect(server.Endpoint, count, concurrency, () => server.Log.Count, "client + server");
        Console.WriteLine("requests by operation: " + string.Join(", ", server.Log.Select(l => l.Split(' ')[0]).GroupBy(o => o).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        return ok ? 0 : 1;
    }

    private static int RunWithChildServer(int count, int concurrency)
    {
        using var child = StartServer("--replay-server", count, out var endpoint);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replay server (process {child.Id}) at {endpoint}: {count:N0} buckets, {count:N0} keys, {count:N0} aliases in {Region}"));
        var (ok, wall) = Collect(endpoint, count, concurrency, requests: null, "client only");
        child.StandardInput.WriteLine("stop");
        child.StandardInput.Close();
        var figures = (child.StandardOutput.ReadLine() ?? string.Empty).Split(' ');
        child.WaitForExit();
        if (figures.Length == 4)
        {
            var requests = int.Parse(figures[0], CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests:   {requests:N0} answered by the server, {requests / wall.TotalSeconds:N0} requests/s"));
            Console.WriteLine($"server:     CPU {figures[1]} s, allocated {figures[2]} MB, peak working set {figures[3]} MB (server process)");
        }

        return ok ? 0 : 1;
    }

    /// <summary>
    /// This program again as a child process in a server <paramref name="mode"/> (<c>--replay-server N</c>), with the
    /// endpoint it prints first; it serves until its standard input closes, then prints its own figures.
    /// </summary>
    internal static Process StartServer(string mode, int count, out string endpoint)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
        var child = Process.Start(start)!;
        endpoint = child.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the replay server process did not start");
        return child;
    }

    /// <summary>Runs one collection and prints its figures; true when it collected exactly what the server holds.</summary>
    private static (bool Ok, TimeSpan Wall) Collect(string endpoint, int count, int concurrency, Func<int>? requests, string whose)
    {
        var options = new CollectOptions
        {
            Regions = [Region],
            EndpointUrl = endpoint,
            Credentials = new BasicAWSCredentials(AccessKey, "replay-secret"),
            MaxConcurrency = concurrency,
        };
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var watch = Stopwatch.StartNew();
        var result = new AwsCollector(options).CollectAsync().GetAwaiter().GetResult();
        var wall = watch.Elapsed;
        process.Refresh();
        var cpuUsed = process.TotalProcessorTime - cpu;
        var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
        var byType = result.Resources.GroupBy(r => r.Type).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        var ok = result.Errors.Count == 0
            && byType.GetValueOrDefault("AWS::S3::Bucket") == count
            && byType.GetValueOrDefault("AWS::KMS::Key") == count
            && byType.GetValueOrDefault("AWS::KMS::Alias") == count;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"collect:    {wall.TotalSeconds:F2} s wall (AwsCollector.CollectAsync, MaxConcurrency {concurrency}, first run in this process, JIT included)"));
        if (requests is not null)
        {
            var answered = requests();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests:   {answered:N0} answered by the server, {answered / wall.TotalSeconds:N0} requests/s"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resources:  {result.Resources.Count:N0} ({string.Join(", ", byType.Select(t => $"{t.Key.Replace("AWS::", string.Empty, StringComparison.Ordinal)} {t.Value:N0}"))}), {result.Errors.Count} errors {(ok ? "ok" : "MISMATCH")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"            {result.Resources.Count / wall.TotalSeconds:N0} resources/s"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"memory:     peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB, GC allocated {allocatedMb:F0} MB during the collection, GC heap {GC.GetTotalMemory(false) / 1048576.0:F0} MB after; gen0/1/2 collections {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3} ({whose})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu:        {cpuUsed.TotalSeconds:F2} s ({cpuUsed / wall:P0} of one core; {whose})"));
        foreach (var error in result.Errors.Take(5))
        {
            Console.WriteLine($"  error: {error.Service} {error.Region}: {error.Message}");
        }

        GC.KeepAlive(result);
        return (ok, wall);
    }

    /// <summary>The server with one account: N buckets (80 % SSE-KMS under their own key, 20 % SSE-S3) and N keys.</summary>
    private static AwsReplayServer Start(int count)
    {
        var server = new AwsReplayServer { PageSize = 1000 };
        var account = new ReplayAccount(AccountId);
        for (var i = 0; i < count; i++)
        {
            var keyId = string.Create(CultureInfo.InvariantCulture, $"0000bench-0000-4000-8000-{i:D12}");
            var tags = new Dictionary<string, string>
            {
                ["DataClassification"] = s_levels[i % s_levels.Length],
                ["team"] = s_teams[i / s_levels.Length % s_teams.Length],
                ["data-owner"] = $"owner-{i % 97}@example.com",
            };
            account.Keys.Add(new ReplayKey(keyId, Region, "CUSTOMER", true, i % 10 == 0 ? 180 : 365, [string.Create(CultureInfo.InvariantCulture, $"alias/bench/key-{i:D6}")], tags));
            account.Buckets.Add(i % 5 == 0
                ? new ReplayBucket(string.Create(CultureInfo.InvariantCulture, $"bench-bucket-{i:D6}"), Region, "AES256", null, new Dictionary<string, string>(tags))
                : new ReplayBucket(string.Create(CultureInfo.InvariantCulture, $"bench-bucket-{i:D6}"), Region, "aws:kms", $"arn:aws:kms:{Region}:{AccountId}:key/{keyId}", new Dictionary<string, string>(tags)));
        }

        server.Accounts[AccessKey] = account;
        return server;
    }
}
