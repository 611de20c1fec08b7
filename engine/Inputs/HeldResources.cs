using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs;

/// <summary>
/// Resources already read and linked, listed for an evaluation that does not hold its findings: a report that lists
/// its findings once then holds only the resources, and each resource's findings die young.
/// </summary>
public sealed class HeldResources : IResourcePasses
{
    private readonly Resource[] _ordered;

    public HeldResources(IReadOnlyList<Resource> linked)
    {
        // Report order: file, line, column, then ID (stable, as the evaluator's findings are sorted).
        _ordered = [.. linked.OrderBy(r => r.Position.File, StringComparer.Ordinal)
            .ThenBy(r => r.Position.Line)
            .ThenBy(r => r.Position.Column)
            .ThenBy(r => r.Id, StringComparer.Ordinal)];
        Kept = [.. linked.Where(TwoPassInput.IsKept)];
        Files = [.. linked.Select(r => r.Position.File).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public int ResourceCount => _ordered.Length;

    public IReadOnlyList<string> Files { get; }

    public IReadOnlyList<Resource> Kept { get; }

    public IEnumerable<Resource> Resources() => _ordered;
}
