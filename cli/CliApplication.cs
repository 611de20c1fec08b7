using System.CommandLine;
using System.CommandLine.Help;
using Sec08Policy.Cli.Commands;

namespace Sec08Policy.Cli;

/// <summary>Builds the command tree and runs one command line; exceptions become exit code 4, never a stack trace.</summary>
public static class CliApplication
{
    public static int Run(string[] args, CliContext context)
    {
        var check = CheckCommand.Create(context);
        var root = new RootCommand("sec08: compile data-protection policies (AWS SEC08) into IAM, KMS and SCP documents, and check resources against them")
        {
            check,
            FormatCommand.Create(context),
            BuildCommand.Create(context),
            InspectCommand.Create(context),
            EvalCommand.Create(context),
            CollectCommand.Create(context),
            TestCommand.Create(context),
            InitCommand.Create(context),
            ServicesCommand.Create(context),
        };

        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors)
                {
                    context.Error.Write($"sec08: error: {error.Message}\n");
                }

                context.Error.Write("run `sec08 --help` for usage\n");
                return ExitCodes.UsageOrInput;
            }

            if (parse.Action is HelpAction)
            {
                CheckCommand.DescribeCatalogue(check, context);
            }

            return parse.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context.Error.Write($"sec08: internal error: {e.GetType().Name}: {e.Message}\n");
            context.Error.Write("this is a bug in sec08; please report it with the input that caused it\n");
            if (Environment.GetEnvironmentVariable("SEC08_DEBUG") is "1")
            {
                context.Error.Write(e + "\n");
            }

            return ExitCodes.Internal;
        }
    }
}
