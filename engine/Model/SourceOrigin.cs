namespace Sec08Policy.Engine.Model;

/// <summary>Where in the policy source something was declared: file, 1-based line and column.</summary>
public sealed record SourceOrigin(string File, int Line, int Column)
{
    public override string ToString() => $"{File}({Line},{Column})";
}
