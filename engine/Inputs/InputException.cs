namespace Sec08Policy.Engine.Inputs;

/// <summary>An input that cannot be read: malformed, truncated, or of no known kind. Always has a position.</summary>
public sealed class InputException(string file, int line, int column, string message) : Exception(Text.MessageText.Shorten(message))
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public int Column { get; } = column;
}
