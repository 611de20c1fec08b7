using System.CommandLine;
using System.CommandLine.Help;
using System.Reflection;
using Sec08Policy.Cli.Commands;

namespace Sec08Policy.Cli;

/// <summary>Builds the command tree and runs one command line; exceptions become exit code 4, never a stack trace.</summary>
public static class CliApplication
{
    private const string MissingCommand = "Required command was not provided.";

    /// <summary>The command tree, each command writing to <paramref name="context"/>.</summary>
    internal static RootCommand CreateRoot(CliContext context) =>
        new("sec08: compile data-protection policies (AWS SEC08) into IAM, KMS and SCP documents, and check resources against them")
        {
            CheckCommand.Create(context),
            FormatCommand.Create(context),
            BuildCommand.Create(context),
            InspectCommand.Create(context),
            EvalCommand.Create(context),
            CollectCommand.Create(context),
            TestCommand.Create(context),
            InitCommand.Create(context),
            ServicesCommand.Create(context),
            AuthorizeCommand.Create(context),
            VerifyCommand.Create(context),
        };

    /// <summary>The version the command tree's <c>--version</c> prints: the running program's informational version.</summary>
    internal static string ExecutableVersion()
    {
        var program = Assembly.GetEntryAssembly() ?? Assembly.GetExecutingAssembly();
        return program.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? program.GetName().Version?.ToString()
            ?? "";
    }

    public static int Run(string[] args, CliContext context)
    {
        context = context.Guarded();
        try
        {
            // `sec08 --version` prints what the command tree would print, without building the tree: pipelines call
            // it to log the version, and building eleven commands is most of the time the process spends in its code.
            if (args is ["--version"])
            {
                context.Out.WriteLine(ExecutableVersion());
                return ExitCodes.Success;
            }

            var root = CreateRoot(context);
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                // An unknown command also counts as a missing one; say only what is wrong.
                var errors = parse.Errors.Select(e => e.Message).ToList();
                if (errors.Count > 1)
                {
                    errors.Remove(MissingCommand);
                }

                foreach (var error in errors)
                {
                    context.Error.Write($"sec08: error: {(error == MissingCommand ? "give a command: check, fmt, build, inspect, eval, collect, test, init, services, authorize or verify" : error)}\n");
                }

                context.Error.Write("run `sec08 --help` for usage\n");
                return ExitCodes.UsageOrInput;
            }

            if (parse.Action is HelpAction)
            {
                CheckCommand.DescribeCatalogue(root.Subcommands.Single(c => c.Name == "check"), context);
            }

            return parse.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (StandardOutputException e)
        {
            context.Error.Write($"sec08: error: cannot write standard output: {e.Message}\n");
            return ExitCodes.UsageOrInput;
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
