using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs;

/// <summary>
/// Links resources within one input set: a key reference (ID, ARN, alias name or ARN, or an input-local reference)
/// to the key resource it names, whose manager then says whether the data is under a customer-managed key; EBS volumes left to deployment to the encryption by default of their own account and Region.
/// </summary>
public static class InputSetResolver
{
    public static List<Resource> Resolve(IReadOnlyList<Resource> resources)
    {
        var linker = new KeyLinker(resources);
        var result = new List<Resource>(resources.Count);
        foreach (var resource in resources)
        {
            result.Add(linker.Link(resource));
        }

        return result;
    }
}
