using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Sec08Policy.Engine.Inputs.Tree;

/// <summary>
/// One list per nesting depth for the entries or items of the collection being read there, reused from node to
/// node: each node then costs one array of exactly its size, where a builder per node grew arrays and threw them away.
/// A collection's children are read one depth below it, so the list of its own depth stays its own until it is done.
/// </summary>
internal sealed class ScratchLists
{
    private readonly List<List<KeyValuePair<string, InputNode>>> _entries = [];
    private readonly List<List<InputNode>> _items = [];

    /// <summary>The empty list for a mapping's entries at <paramref name="depth"/>.</summary>
    public List<KeyValuePair<string, InputNode>> Entries(int depth) => At(_entries, depth);

    /// <summary>The empty list for a sequence's items at <paramref name="depth"/>.</summary>
    public List<InputNode> Items(int depth) => At(_items, depth);

    public static ImmutableArray<T> ToImmutable<T>(List<T> list) => ImmutableArray.Create<T>(CollectionsMarshal.AsSpan(list));

    private static List<T> At<T>(List<List<T>> lists, int depth)
    {
        while (lists.Count <= depth)
        {
            lists.Add([]);
        }

        var list = lists[depth];
        list.Clear();
        return list;
    }
}
