namespace Sec08Policy.Compiler.Text;

/// <summary>A span inside a particular source text.</summary>
public sealed record Location(SourceText Source, TextSpan Span)
{
    public string Path => Source.Path;

    public LinePosition Start => Source.GetLinePosition(Span.Start);

    public LinePosition End => Source.GetLinePosition(Span.End);

    /// <summary>A location for problems that concern a whole file rather than a place in it.</summary>
    public static Location WholeFile(SourceText source) => new(source, new TextSpan(0, 0));
}
