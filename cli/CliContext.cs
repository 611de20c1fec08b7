namespace Sec08Policy.Cli;

/// <summary>Where a command writes and what day it is; injected so commands run in-process in tests.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, DateOnly Today)
{
    /// <summary>Whether standard output is a terminal that should get colours (never when NO_COLOR is set).</summary>
    public bool Color { get; init; }

    /// <summary>Whether progress lines go to standard error: a terminal, and not CI.</summary>
    public bool ShowProgress { get; init; }

    /// <summary>The moment stamped into inventories; injected like <see cref="Today"/>.</summary>
    public DateTime Now { get; init; } = DateTime.UtcNow;

    /// <summary>Credentials that replace the standard chain (tests and embedding only).</summary>
    public Amazon.Runtime.AWSCredentials? AwsCredentials { get; init; }

    public static CliContext FromConsole() =>
        new(Console.Out, Console.Error, DateOnly.FromDateTime(DateTime.UtcNow))
        {
            Color = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null,
            ShowProgress = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null,
        };

    /// <summary>
    /// Standard output as a stream, for reports written as bytes: the console's own stream when writing to the console
    /// (no decoding and encoding again), otherwise <see cref="Out"/> through a decoder.
    /// </summary>
    public Stream OpenOut()
    {
        if (ReferenceEquals(Out is GuardedWriter guarded ? guarded.Inner : Out, Console.Out))
        {
            Out.Flush();
            return new GuardedStream(Console.OpenStandardOutput());
        }

        return new Commands.TextWriterStream(Out);
    }

    /// <summary>
    /// The same context with standard output whose failures end the command with exit code 3, and standard error
    /// whose failures are dropped.
    /// </summary>
    public CliContext Guarded() =>
        Out is GuardedWriter ? this : this with { Out = new GuardedWriter(Out), Error = new QuietWriter(Error) };

    /// <summary>Reports something the user should know that does not stop the command, on standard error.</summary>
    public void Warning(string message) => Error.Write($"sec08: warning: {message}\n");

    /// <summary>Reports a usage or input problem on standard error.</summary>
    public int UsageError(string message)
    {
        Error.Write($"sec08: error: {message}\n");
        return ExitCodes.UsageOrInput;
    }
}
