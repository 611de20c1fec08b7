using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>Reads each of a Region's types at once (each on its own, so one failing type leaves the others) and gathers what they give.</summary>
internal static class ByType
{
    public static async Task<List<Resource>> Collect<TType>(IReadOnlyList<TType> types, Func<TType, Task<List<Resource>>> read)
    {
        var batches = await Task.WhenAll(types.Select(read)).ConfigureAwait(false);
        return [.. batches.SelectMany(b => b)];
    }
}
