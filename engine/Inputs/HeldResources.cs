using Sec08Policy.Engine.Reporting;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs;

/// <summary>
/// Resources already read and linked, listed for an evaluation that does not hold its findings: a report that lists
/// its findings once then holds only the resources, and each resource's findings die young.
/// </summary>
public sealed class HeldResources : IResourcePasses
{
    private readonly IReadOnlyList<Resource> _ordered;

    public HeldResources(IReadOnlyList<Resource> linked)
    {
        _ordered = ReportOrder.Sorted(linked);
        Kept = [.. linked.Where(TwoPassInput.IsKept)];
        Files = ReportOrder.Files(linked);
    }

    public int ResourceCount => _ordered.Count;

    public IReadOnlyList<string> Files { get; }

    public IReadOnlyList<Resource> Kept { get; }

    public IEnumerable<Resource> Resources() => _ordered;
}
