using System.CommandLine;
using System.Globalization;
using Sec08Policy.Collector;
using Sec08Policy.Engine.Inputs.Inventory;
using Sec08Policy.Engine.Reporting;

namespace Sec08Policy.Cli.Commands;

/// <summary><c>sec08 collect [--region R]... -o FILE</c>: read deployed resources into an inventory.</summary>
internal static class CollectCommand
{
    public static Command Create(CliContext context)
    {
        var live = new LiveOptions();
        var output = OptionValues.NonEmptyPath(new Option<string>("--output", "-o") { Description = "the inventory file to write (sec08-inventory/1)", Required = true });
        var command = new Command(
            "collect",
            "Read what is deployed into a native inventory for `sec08 eval --input`: S3 buckets, KMS keys and aliases, EBS volumes, snapshots "
            + "and encryption by default, DynamoDB tables and SQS queues through the AWS SDK; DAX clusters, FSx file systems, Glue security "
            + "configurations and DLM policies through their services' APIs; the other types sec08 knows through AWS Cloud Control API or "
            + "AWS Config (see docs/collect.md). With --config-aggregator, every type AWS Config records (not DAX, FSx, Glue security "
            + "configurations or DLM), for every account and Region of the aggregator, in one query per type.\n"
            + "A denied or failed call makes what it would have shown unknown, or missing with a warning; everything read is kept; "
            + "only a run where every call failed is an error.\n"
            + "Exit codes: 0 written (warnings included), 3 usage, no credentials, nothing collected, or unwritable output.")
        {
            output,
        };
        live.AddTo(command);
        command.SetAction(parse =>
        {
            // Before collecting, which takes a while: an output that cannot be written is a usage error.
            if (OutputFile.WhyNotWritable(parse.GetValue(output)!) is { } refused)
            {
                return context.UsageError($"cannot write `{parse.GetValue(output)}`: {refused}");
            }

            var options = live.Read(parse, context);
            var path = parse.GetValue(output)!;
            var stamp = context.Now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            return options.ConfigAggregator is not null
                ? Organization(options, live.WantsAllRegions(parse), path, stamp, context)
                : Accounts(options, live.WantsAllRegions(parse), path, stamp, context);
        });
        return command;
    }

    private static int Accounts(CollectOptions options, bool allRegions, string path, string stamp, CliContext context)
    {
        var result = LiveOptions.Collect(options, allRegions, context);
        if (result is null)
        {
            return ExitCodes.UsageOrInput;
        }

        try
        {
            OutputFile.WriteAtomically(path, stream => InventoryWriter.Write(stream, result.Resources, stamp, result.Errors));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return context.UsageError($"cannot write `{path}`: {e.Message}");
        }

        return Wrote(result.Resources.Count, result.Errors.Count, path, context);
    }

    /// <summary>An organization, streamed from the aggregator's pages into the inventory file as they come.</summary>
    private static int Organization(CollectOptions options, bool allRegions, string path, string stamp, CliContext context)
    {
        if (LiveOptions.Problem(options, allRegions) is { } problem)
        {
            return context.UsageError(problem);
        }

        var organization = new OrganizationCollector(options);
        var written = 0;
        IEnumerable<Engine.Resources.Resource> Counted(IEnumerable<Engine.Resources.Resource> resources)
        {
            foreach (var resource in resources)
            {
                written++;
                yield return resource;
            }
        }

        try
        {
            OutputFile.WriteAtomically(path, stream =>
            {
                InventoryWriter.Write(stream, Counted(organization.ReadAsync().ToBlockingEnumerable()), stamp, organization.Errors);
                if (organization.NothingCollected)
                {
                    throw new NothingCollectedException(); // no file, not even an empty inventory
                }
            });
        }
        catch (NothingCollectedException)
        {
            // Reported below with the warnings.
        }
        catch (CollectException e)
        {
            return context.UsageError(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return context.UsageError($"cannot write `{path}`: {e.Message}");
        }

        var errors = organization.Errors.ToList();
        return LiveOptions.Report(errors, organization.NothingCollected, context) ? Wrote(written, errors.Count, path, context) : ExitCodes.UsageOrInput;
    }

    private static int Wrote(int resources, int errors, string path, CliContext context)
    {
        context.Out.Write($"wrote {Counted.Of(resources, "resource")} to {path}{(errors > 0 ? $" ({Counted.Of(errors, "part")} failed; see the warnings)" : string.Empty)}\n");
        return ExitCodes.Success;
    }

    private sealed class NothingCollectedException : Exception;
}
