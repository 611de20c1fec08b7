namespace Sec08Policy.Cli;

/// <summary>The process exit codes every command uses.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Findings at or above the threshold, failing policy tests, a verify mismatch, or <c>fmt --check</c> differences.</summary>
    public const int Findings = 1;

    public const int PolicyErrors = 2;

    /// <summary>Bad command line, or an input that cannot be read.</summary>
    public const int UsageOrInput = 3;

    public const int Internal = 4;
}
