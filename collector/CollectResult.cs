using Sec08Policy.Engine.Inputs.Inventory;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>The resources read and the parts that failed (a Region, a service), which are reported, not fatal.</summary>
public sealed record CollectResult(IReadOnlyList<Resource> Resources, IReadOnlyList<InventoryError> Errors)
{
    /// <summary>True when nothing at all could be read: every service in every Region failed.</summary>
    public bool NothingCollected { get; init; }
}
