namespace Sec08Policy.Engine.Inputs;

/// <summary>A problem with an input file, in the form the CLI prints: file, 1-based line and column, message.</summary>
public sealed record InputProblem(string File, int Line, int Column, string Message, bool IsError = true)
{
    public override string ToString() => $"{File}({Line},{Column}): {(IsError ? "error" : "warning")}: {Message}";
}
