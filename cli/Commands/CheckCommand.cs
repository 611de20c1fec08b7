using System.CommandLine;
using System.Globalization;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Engine.Catalog;

namespace Sec08Policy.Cli.Commands;

/// <summary><c>sec08 check PATH... [--format human|json]</c>: report every problem in the policy files.</summary>
internal static class CheckCommand
{
    private const string Summary = "Report syntax and semantic problems in policy files, with file, line, column and a fix hint.\n";

    private const string ExitCodesText = "Exit codes: 0 clean or warnings only, 2 errors in policy source, 3 usage or unreadable files.";

    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "policy files, or folders searched recursively for .sec08 files", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "output format", DefaultValueFactory = _ => "human" };
        OptionValues.OneOf(format, "human", "json");
        var maxPolicySize = PolicyInput.MaxSizeOption();

        // The help's lines about the IAM catalogue are added when help is shown (DescribeCatalogue): reading the
        // catalogue here would slow the start of every command line.
        var command = new Command("check", Summary + ExitCodesText)
        {
            paths,
            format,
            maxPolicySize,
        };

        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(format)!, parse.GetValue(maxPolicySize), context));
        return command;
    }

    /// <summary>Adds to the command's help which IAM catalogue names are checked against, and how old it is.</summary>
    public static void DescribeCatalogue(Command command, CliContext context)
    {
        var catalog = IamCatalog.Default;
        var age = context.Today.DayNumber - catalog.DataDate.DayNumber;
        command.Description = Summary
            + string.Create(CultureInfo.InvariantCulture, $"Actions and condition keys are checked against the IAM catalogue from {catalog.SourceVersion}, ")
            + string.Create(CultureInfo.InvariantCulture, $"data of {catalog.DataDate:yyyy-MM-dd} ({age} days old); regenerate it with scripts/iam-catalog.\n")
            + ExitCodesText;
    }

    private static int Run(string[] paths, string format, long maxPolicySize, CliContext context)
    {
        var input = PolicyInput.Load(paths, maxPolicySize, context);
        if (input is null)
        {
            return ExitCodes.UsageOrInput;
        }

        if (format == "json")
        {
            using var stdout = new MemoryStream();
            DiagnosticFormatter.WriteJson(stdout, input.Diagnostics);
            context.Out.Write(System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
        }
        else
        {
            DiagnosticFormatter.WriteHuman(context.Out, input.Diagnostics);
            context.Out.Write(DiagnosticFormatter.Summary(input.Diagnostics, input.Compilation.SyntaxTrees.Length) + "\n");
        }

        if (input.HasUnreadableFiles)
        {
            return ExitCodes.UsageOrInput;
        }

        return input.HasErrors ? ExitCodes.PolicyErrors : ExitCodes.Success;
    }
}
