namespace Sec08Policy.Engine.Resources;

/// <summary>Where a resource is described: file, 1-based line and column, and a JSON pointer to it.</summary>
public readonly record struct SourcePosition(string File, int Line, int Column, string Pointer)
{
    public override string ToString() => $"{File}({Line},{Column})";
}
