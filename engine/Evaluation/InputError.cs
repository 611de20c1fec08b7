namespace Sec08Policy.Engine.Evaluation;

/// <summary>
/// An input file that could not be read, and where. The other inputs are still evaluated; every report lists the
/// errors, so that no report reads as clean for a file it never saw, and the run ends with exit code 3.
/// </summary>
public sealed record InputError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}): error: {Message}";
}
