namespace Sec08Policy.Compiler.Text;

/// <summary>A 0-based line and character position; add one for display.</summary>
public readonly record struct LinePosition(int Line, int Character);
