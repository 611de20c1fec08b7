using System.CommandLine;
using System.Globalization;
using Sec08Policy.Engine.Inputs.Inventory;
using Sec08Policy.Engine.Reporting;

namespace Sec08Policy.Cli.Commands;

/// <summary><c>sec08 collect [--region R]... -o FILE</c>: read deployed resources through the AWS SDK into an inventory.</summary>
internal static class CollectCommand
{
    public static Command Create(CliContext context)
    {
        var live = new LiveOptions();
        var output = OptionValues.NonEmptyPath(new Option<string>("--output", "-o") { Description = "the inventory file to write (sec08-inventory/1)", Required = true });
        var command = new Command(
            "collect",
            "Read S3 buckets, KMS keys and aliases, EBS volumes, snapshots and encryption by default, DynamoDB tables and SQS queues "
            + "through the AWS SDK (standard credential chain) into a native inventory for `sec08 eval --input`.\n"
            + "RDS, IAM and Organizations are not read live (their SDKs are not part of sec08): feed AWS Config snapshots for RDS.\n"
            + "A denied call makes that value unknown; a failed Region or service is a warning; only a run where everything failed is an error.\n"
            + "Exit codes: 0 written, 3 usage, no credentials, nothing collected, or unwritable output.")
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

            var result = LiveOptions.Collect(live.Read(parse, context), live.WantsAllRegions(parse), context);
            if (result is null)
            {
                return ExitCodes.UsageOrInput;
            }

            var path = parse.GetValue(output)!;
            var stamp = context.Now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            try
            {
                OutputFile.WriteAtomically(path, stream => InventoryWriter.Write(stream, result.Resources, stamp, result.Errors));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return context.UsageError($"cannot write `{path}`: {e.Message}");
            }

            context.Out.Write($"wrote {Counted.Of(result.Resources.Count, "resource")} to {path}{(result.Errors.Count > 0 ? $" ({result.Errors.Count} parts failed; see the warnings)" : string.Empty)}\n");
            return ExitCodes.Success;
        });
        return command;
    }
}
