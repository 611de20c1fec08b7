using System.CommandLine;
using System.Text;
using Sec08Policy.Engine.Files;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Inputs.Inventory;
using Sec08Policy.Engine.Reporting;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Cli.Commands;

/// <summary>
/// <c>sec08 inspect INPUT... [--format text|inventory]</c>: what sec08 reads from templates, plans and Config data,
/// as one line per resource or as a native inventory.
/// </summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("INPUT") { Description = "CloudFormation templates, Terraform plans (terraform show -json), AWS Config snapshots or items, inventories, or folders of them", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "output format", DefaultValueFactory = _ => "text" };
        OptionValues.OneOf(format, "text", "inventory");
        var maxInputSize = InputSet.MaxSizeOption();
        var command = new Command(
            "inspect",
            "Show the normalized resources sec08 reads from its inputs, with every value it could not resolve marked unknown.\n"
            + "Exit codes: 0 read, 3 usage or an unreadable or malformed input.")
        {
            inputs,
            format,
            maxInputSize,
        };
        command.SetAction(parse => Run(parse.GetValue(inputs)!, parse.GetValue(format)!, parse.GetValue(maxInputSize), context));
        return command;
    }

    private static int Run(string[] paths, string format, long maxInputSize, CliContext context)
    {
        // An AWS Config snapshot named alone is read twice instead of held, as eval reads it: a first read keeps the
        // keys and aliases the others link to, the second prints one resource at a time.
        if (paths.Length == 1 && FileSearch.KindOf(paths[0]) == FileKind.Regular)
        {
            var (input, kind, error) = InputSet.ScanConfig(paths[0], maxInputSize);
            if (error is not null)
            {
                context.Error.Write($"{error.File}({error.Line},{error.Column}): error: {error.Message}\n");
                return ExitCodes.UsageOrInput;
            }

            if (input is not null)
            {
                try
                {
                    return Write(context, format, [(FileSearch.Display(paths[0]), kind, input.ResourceCount, input.Resources())]);
                }
                catch (InputException changed)
                {
                    // The file changed between its reads.
                    context.Error.Write($"{changed.File}({changed.Line},{changed.Column}): error: {changed.Message}\n");
                    return ExitCodes.UsageOrInput;
                }
            }
        }

        if (InputSet.Load(paths, maxInputSize, context) is not { } files)
        {
            return ExitCodes.UsageOrInput;
        }

        return Write(context, format, [.. files.Select(f => (f.Path, f.Kind, f.Resources.Length, (IEnumerable<Resource>)f.Resources))]);
    }

    private static int Write(CliContext context, string format, IReadOnlyList<(string Path, InputKind Kind, int Count, IEnumerable<Resource> Resources)> files)
    {
        if (format == "inventory")
        {
            using var stdout = context.OpenOut();
            InventoryWriter.Write(stdout, files.SelectMany(f => f.Resources));
            return ExitCodes.Success;
        }

        // Buffered: a large input has hundreds of thousands of lines, and the console flushes every write.
        using var output = new StreamWriter(context.OpenOut(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        foreach (var file in files)
        {
            output.Write($"{file.Path}: {file.Kind}, {Counted.Of(file.Count, "resource")}\n");
            foreach (var resource in file.Resources)
            {
                output.Write($"  {resource.Position.Line,5}:{resource.Position.Column,-3} {resource.Type} {resource.Id}{Describe(resource)}\n");
            }
        }

        return ExitCodes.Success;
    }

    private static string Describe(Resource resource)
    {
        var parts = new List<string>();
        if (resource.Encryption is { } e)
        {
            parts.Add(e.Enabled.IsKnown ? (e.Enabled.Value ? (e.Algorithm.IsKnown ? $"encrypted {e.Algorithm.Value}" : "encrypted") : "NOT encrypted") : $"encryption unknown ({e.Enabled.UnknownReason})");
            if (e.Enabled is { IsKnown: true, Value: true })
            {
                parts.Add("key " + (e.ResolvedKey ?? (e.KeyReference.IsKnown ? e.KeyReference.Value ?? "(service default)" : "unknown")));
                parts.Add(e.KeyManager.IsKnown ? $"{e.KeyManager.Value}" : $"manager unknown ({e.KeyManager.UnknownReason})");
            }
        }

        if (resource.NothingStored is { } nothing)
        {
            parts.Add($"nothing to check ({nothing})");
        }

        if (resource.Key is { } k)
        {
            parts.Add(k.RotationEnabled.IsKnown ? (k.RotationEnabled.Value ? $"rotation {k.RotationPeriodDays}" : "NO rotation") : "rotation unknown");
        }

        if (resource.Kind == ResourceKind.Unsupported)
        {
            parts.Add("not checked");
        }

        return parts.Count == 0 ? string.Empty : " - " + string.Join(", ", parts);
    }
}
