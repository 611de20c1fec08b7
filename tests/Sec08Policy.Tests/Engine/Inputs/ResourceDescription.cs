using Sec08Policy.Engine.Inputs.Inventory;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Tests.Engine.Inputs;

internal static class ResourceDescription
{
    /// <summary>Every fact sec08 keeps about each resource (as the inventory writes them) and where it is, one line each.</summary>
    public static string Of(IEnumerable<Resource> resources) =>
        string.Join("\n", resources.Select(r => $"{r.Position} {InventoryWriter.ToJson([r])}"));
}
