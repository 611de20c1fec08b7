using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Diagnostics;

/// <summary>Collects diagnostics while a stage runs.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public bool HasErrors => _items.Exists(d => d.IsError);

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    public Diagnostic Report(DiagnosticDescriptor descriptor, Location location, params object?[] args)
    {
        var diagnostic = Diagnostic.Create(descriptor, location, args);
        _items.Add(diagnostic);
        return diagnostic;
    }

    public void ReportWithHelp(DiagnosticDescriptor descriptor, Location location, string? help, params object?[] args) =>
        _items.Add(Diagnostic.Create(descriptor, location, args).WithHelp(help));

    public ImmutableArray<Diagnostic> ToImmutable() => [.. _items];
}
