using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs;

/// <summary>
/// An input read twice instead of held in memory. The first pass keeps only what links resources to each other (as
/// <see cref="InputSetResolver"/> does for a whole input set): the KMS keys, the KMS aliases and the account's EBS
/// encryption-by-default item. Every later pass gives the resources again, one at a time, each linked against them;
/// a kept resource is given as the instance kept, so that the evaluator's key directory recognises it.
/// </summary>
public sealed class TwoPassInput : IResourcePasses
{
    private readonly string _path;
    private readonly Func<IEnumerable<Resource>> _read;
    private readonly List<Resource> _kept;
    private readonly KeyLinker _linker;

    private TwoPassInput(string path, Func<IEnumerable<Resource>> read, List<Resource> kept, int count, IReadOnlyList<string> files)
    {
        _path = path;
        _read = read;
        _linker = new KeyLinker(kept);
        _kept = [.. kept.Select(_linker.Link)];
        ResourceCount = count;
        Files = files;
    }

    public int ResourceCount { get; }

    /// <summary>The input files the resources name, in ordinal order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The resources kept from the first pass, linked: the keys, aliases and EBS setting, in input order.</summary>
    public IReadOnlyList<Resource> Kept => _kept;

    /// <summary>The first pass: reads every resource once, keeping only those others link to. Malformed input throws <see cref="InputException"/>.</summary>
    /// <param name="path">The input, as messages name it.</param>
    /// <param name="read">Reads the input's resources (not linked), from its start, each time it is called.</param>
    public static TwoPassInput Scan(string path, Func<IEnumerable<Resource>> read)
    {
        var kept = new List<Resource>();
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var resource in read())
        {
            count++;
            files.Add(resource.Position.File);
            if (IsKept(resource))
            {
                kept.Add(resource);
            }
        }

        return new TwoPassInput(path, read, kept, count, [.. files]);
    }

    /// <summary>Every resource, linked, in input order, read again; an input that changed since the first pass throws <see cref="InputException"/>.</summary>
    public IEnumerable<Resource> Resources()
    {
        var count = 0;
        var kept = 0;
        foreach (var resource in _read())
        {
            count++;
            if (!IsKept(resource))
            {
                yield return _linker.Link(resource);
                continue;
            }

            if (kept >= _kept.Count || _kept[kept].Id != resource.Id || _kept[kept].Type != resource.Type)
            {
                throw Changed();
            }

            yield return _kept[kept++];
        }

        if (count != ResourceCount || kept != _kept.Count)
        {
            throw Changed();
        }
    }

    /// <summary>What linking needs from other resources (<see cref="KeyLinker"/>, <see cref="InputSetResolver"/>).</summary>
    internal static bool IsKept(Resource resource) =>
        resource.Kind is ResourceKind.KmsKey or ResourceKind.KmsAlias || resource.EbsEncryptionByDefault is not null;

    private InputException Changed() =>
        new(_path, 1, 1, "the file changed while it was read: it is read twice (once for its keys, once for the rest), and the second read differs from the first");
}
