using Sec08Policy.Cli;

namespace Sec08Policy.Tests.Infrastructure;

/// <summary>Runs the command line in-process, capturing its output; the repository root is the working folder.</summary>
internal static class CliRunner
{
    private static readonly object s_lock = new();

    public static readonly DateOnly Today = new(2026, 11, 28);

    public sealed record Run(int ExitCode, string Out, string Error);

    public static Run Invoke(params string[] args) => Invoke(context => context, args);

    /// <summary>Runs with <paramref name="folder"/> as the working folder instead of the repository root.</summary>
    public static Run InvokeIn(string folder, params string[] args) => Invoke(context => context, folder, args);

    /// <summary>Runs with a context changed by <paramref name="configure"/> (e.g. replay credentials).</summary>
    public static Run Invoke(Func<CliContext, CliContext> configure, params string[] args) => Invoke(configure, RepoPaths.Root, args);

    private static Run Invoke(Func<CliContext, CliContext> configure, string folder, string[] args)
    {
        // The working folder is process-wide state; commands print paths relative to it.
        lock (s_lock)
        {
            var previous = Environment.CurrentDirectory;
            Environment.CurrentDirectory = folder;
            try
            {
                var output = new StringWriter();
                var error = new StringWriter();
                var exit = CliApplication.Run(args, configure(new CliContext(output, error, Today) { Now = new DateTime(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc) }));
                return new Run(exit, output.ToString(), error.ToString());
            }
            finally
            {
                Environment.CurrentDirectory = previous;
            }
        }
    }
}
