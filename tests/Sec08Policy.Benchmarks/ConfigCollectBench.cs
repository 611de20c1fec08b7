using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Sec08Policy.Collector;
using Sec08Policy.Engine.Inputs.Inventory;
using Sec08Policy.Engine.Resources;
using Sec08Policy.Tests.Collect;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// <c>--collect-config N</c>: an organization read through an AWS Config aggregator, from the replay tests' loopback
/// server (<see cref="AwsReplayServer"/>) run in a child process (<c>--replay-config-server N</c>), so that this
/// process's figures are the collector's alone. The server's aggregator <c>org</c> covers 20 accounts in 4 Regions and
/// holds N configuration items of every type the catalogue reads from Config (1 % KMS keys, the rest spread evenly
/// across the other Config types), answered 100 per page. This process streams them through <see cref="OrganizationCollector"/> into an
/// inventory file, as <c>sec08 collect --config-aggregator</c> does, and prints the wall time, items per second, the
/// peak working set, GC allocations and heap. Exit 1 unless N resources were written with no errors.
/// </summary>
internal static class ConfigCollectBench
{
    public const string AccessKey = "AKIDREPLAYBENCH";
    private const string Owner = "100000000000";
    private const int Accounts = 20;
    private static readonly string[] s_regions = ["eu-west-1", "eu-central-1", "us-east-1", "ap-southeast-2"];
    private static readonly string[] s_levels = ["public", "internal", "confidential", "restricted"];

    public static int Run(string[] args)
    {
        if (args.Length < 1 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            Console.Error.WriteLine("usage: --collect-config N");
            return 2;
        }

        using var child = CollectBench.StartServer("--replay-config-server", count, out var endpoint);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replay server (process {child.Id}) at {endpoint}: aggregator `org`, {count:N0} configuration items in {Accounts} accounts x {s_regions.Length} Regions"));
        var ok = Collect(endpoint, count);
        child.StandardInput.Close();
        Console.WriteLine("server:     " + child.StandardOutput.ReadLine());
        child.WaitForExit();
        return ok ? 0 : 1;
    }

    /// <summary><c>--replay-config-server N</c>: serves the organization until standard input closes.</summary>
    public static int Serve(string[] args)
    {
        var count = int.Parse(args[0], NumberStyles.None, CultureInfo.InvariantCulture);
        var setup = Stopwatch.StartNew();
        using var server = Start(count);
        Console.Out.WriteLine(server.Endpoint);
        Console.Out.Flush();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _ = Console.In.ReadLine();
        using var process = Process.GetCurrentProcess();
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{server.Log.Count:N0} requests, CPU {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s, peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB (server process; set up in {setup.Elapsed.TotalSeconds:F1} s)"));
        return 0;
    }

    private static bool Collect(string endpoint, int count)
    {
        var options = new CollectOptions
        {
            Regions = [s_regions[0]],
            EndpointUrl = endpoint,
            Credentials = new BasicAWSCredentials(AccessKey, AwsReplayServer.Secret),
            ConfigAggregator = "org",
        };
        var file = Path.Combine(Path.GetTempPath(), $"sec08-bench-org-{Environment.ProcessId}.json");
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var collector = new OrganizationCollector(options);
        var written = 0;
        long halfway = 0;
        IEnumerable<Resource> Counted(IEnumerable<Resource> resources)
        {
            foreach (var resource in resources)
            {
                if (++written == count / 2)
                {
                    halfway = GC.GetTotalMemory(forceFullCollection: true); // what the collection holds on to midway
                }

                yield return resource;
            }
        }

        using (var stream = File.Create(file))
        {
            InventoryWriter.Write(stream, Counted(collector.ReadAsync().ToBlockingEnumerable()), "2026-11-28T00:00:00Z", collector.Errors);
        }

        var wall = watch.Elapsed;
        process.Refresh();
        var errors = collector.Errors.ToList();
        var ok = errors.Count == 0 && written == count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"collect:    {wall.TotalSeconds:F2} s wall (OrganizationCollector into InventoryWriter, first run in this process, JIT included)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"items:      {written:N0} written ({new FileInfo(file).Length / 1048576.0:F0} MB), {written / wall.TotalSeconds:N0} items/s, {errors.Count} errors {(ok ? "ok" : "MISMATCH")}"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"memory:     peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB, GC allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:F0} MB; live heap halfway {halfway / 1048576.0:F1} MB (after a full collection; collector process)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu:        {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s (collector process)"));
        foreach (var error in errors.Take(5))
        {
            Console.WriteLine($"  error: {error.Service} {error.Region}: {error.Message}");
        }

        File.Delete(file);
        return ok;
    }

    /// <summary>
    /// The aggregator's accounts, with N items of every type Config records (from the catalogue): 1 % keys, the rest
    /// round-robin across the other Config types, accounts and Regions; half the data under a customer key.
    /// </summary>
    public static AwsReplayServer Start(int count)
    {
        var server = new AwsReplayServer { PageSize = 100 };
        var accounts = Enumerable.Range(0, Accounts).Select(i => new ReplayAccount((100000000000L + i).ToString(CultureInfo.InvariantCulture))).ToList();
        server.Accounts[AccessKey] = accounts[0];
        for (var i = 1; i < accounts.Count; i++)
        {
            server.Accounts[$"AKIDREPLAYBENCH{i}"] = accounts[i];
        }

        server.Aggregators["org"] = (Owner, [.. accounts.Select(a => a.Id)]);
        var queries = LivePlan.Organization;
        var keyType = queries.Single(q => q.Entries.Any(e => e.Kind == ResourceKind.KmsKey));
        var dataTypes = queries.Where(q => q != keyType).ToList();
        var keys = Math.Max(1, count / 100);
        string Region(int i) => s_regions[i / Accounts % s_regions.Length];
        string KeyArn(int k) => $"arn:aws:kms:{Region(k)}:{accounts[k % Accounts].Id}:key/{Id(k)}";
        for (var i = 0; i < count; i++)
        {
            var type = i < keys ? keyType : dataTypes[(i - keys) % dataTypes.Count];
            var account = accounts[i % Accounts];
            var arn = type == keyType ? KeyArn(i) : $"arn:aws:bench:{Region(i)}:{account.Id}:{type.ConfigType.Replace("::", "-", StringComparison.Ordinal)}/{Id(i)}";
            account.ConfigItems.Add(new ReplayConfigItem(Region(i), Item(type, i, account.Id, Region(i), arn, i % 2 == 0 ? KeyArn(i % keys) : null)));
        }

        return server;
    }

    private static string Id(int i) => string.Create(CultureInfo.InvariantCulture, $"bench-{i:D7}");

    /// <summary>One item of the Config type <paramref name="type"/> queries: <paramref name="key"/> is the key of data under a customer key.</summary>
    private static JsonObject Item(ConfigQuery type, int i, string account, string region, string arn, string? key)
    {
        var id = Id(i);
        var configuration = new JsonObject
        {
            ["id"] = id,
            ["name"] = id,
            ["createTime"] = "2025-06-01T00:00:00.000Z",
            ["description"] = "generated for the collect benchmark; about as large as a real configuration",
        };
        JsonObject? supplementary = null;
        switch (type.Entries[^1].Kind)
        {
            case ResourceKind.KmsKey:
                configuration["keyId"] = id;
                configuration["keyManager"] = "CUSTOMER";
                configuration["keyState"] = "Enabled";
                supplementary = new JsonObject { ["KeyRotationStatus"] = i % 3 != 0 };
                break;
            case ResourceKind.DataStore when type.ConfigType == "AWS::S3::Bucket":
                supplementary = new JsonObject
                {
                    ["ServerSideEncryptionConfiguration"] = new JsonObject
                    {
                        ["rules"] = new JsonArray(new JsonObject
                        {
                            ["applyServerSideEncryptionByDefault"] = key is null ? new JsonObject { ["sseAlgorithm"] = "AES256" } : new JsonObject { ["sseAlgorithm"] = "aws:kms", ["kmsMasterKeyID"] = key },
                            ["bucketKeyEnabled"] = key is not null,
                        }),
                    },
                };
                break;
            default:
                // The encryption fields of every other recorded type, under each spelling the adapter reads.
                configuration["encrypted"] = key is not null || i % 5 != 1;
                configuration["storageEncrypted"] = key is not null || i % 5 != 1;
                configuration["kmsKeyId"] = key;
                configuration["KmsMasterKeyId"] = key;
                configuration["Encrypted"] = key is not null || i % 5 != 1;
                configuration["KmsKeyId"] = key;
                break;
        }

        return new JsonObject
        {
            ["version"] = "1.3",
            ["accountId"] = account,
            ["configurationItemCaptureTime"] = "2026-11-27T08:00:00.000Z",
            ["configurationItemStatus"] = "OK",
            ["arn"] = arn,
            ["resourceType"] = type.ConfigType,
            ["resourceId"] = id,
            ["resourceName"] = id,
            ["awsRegion"] = region,
            ["tags"] = new JsonArray(
                new JsonObject { ["key"] = "DataClassification", ["value"] = s_levels[i % 4], ["tag"] = $"DataClassification={s_levels[i % 4]}" },
                new JsonObject { ["key"] = "team", ["value"] = $"team-{i % 13}", ["tag"] = $"team=team-{i % 13}" }),
            ["configuration"] = configuration,
            ["supplementaryConfiguration"] = supplementary ?? [],
        };
    }
}
