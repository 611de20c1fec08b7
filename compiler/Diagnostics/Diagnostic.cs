using Sec08Policy.Compiler.Text;
using Sec08Policy.Engine.Text;

namespace Sec08Policy.Compiler.Diagnostics;

/// <summary>A problem found in policy source, at a location, with an optional hint on how to fix it.</summary>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, Location Location, string Message, string? Help = null)
{
    /// <summary>The message, with any overlong quoted name or value cut (see <see cref="MessageText"/>).</summary>
    public string Message { get; init; } = MessageText.Shorten(Message);

    public string Id => Descriptor.Id;

    public DiagnosticSeverity Severity => Descriptor.Severity;

    public bool IsError => Severity == DiagnosticSeverity.Error;

    public static Diagnostic Create(DiagnosticDescriptor descriptor, Location location, params object?[] args) =>
        new(descriptor, location, descriptor.FormatMessage(args));

    public Diagnostic WithHelp(string? help) => help is null ? this : this with { Help = help };

    /// <summary>Orders diagnostics by file, then position, then ID, so output is stable.</summary>
    public static int Compare(Diagnostic x, Diagnostic y)
    {
        var byPath = string.CompareOrdinal(x.Location.Path, y.Location.Path);
        if (byPath != 0)
        {
            return byPath;
        }

        var byStart = x.Location.Span.Start.CompareTo(y.Location.Span.Start);
        return byStart != 0 ? byStart : string.CompareOrdinal(x.Id, y.Id);
    }
}
