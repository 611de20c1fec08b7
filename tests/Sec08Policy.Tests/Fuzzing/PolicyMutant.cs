using CsCheck;

namespace Sec08Policy.Tests.Fuzzing;

/// <summary>One file of a shipped policy set, edited; the rest of the set as shipped.</summary>
internal sealed record PolicyMutant(FuzzCorpus.PolicySet Set, string File, byte[] Bytes, string Description)
{
    public override string ToString() => $"{Set.Name}: {File} with {Description} ({Bytes.Length} bytes)";

    /// <summary>Hostile edits (<see cref="Mutations.Apply"/>) of a file of <paramref name="sets"/>.</summary>
    public static Gen<PolicyMutant> Hostile(IReadOnlyList<FuzzCorpus.PolicySet> sets) =>
        from s in Gen.Int[0, sets.Count - 1]
        from f in Gen.Int[0, 1_000]
        from o in Gen.Int[0, sets.Count - 1]
        from edits in Gen.Int[1, 3]
        from seed in Gen.Int
        select Make(sets[s], f, sets[o], (file, bytes, other) =>
        {
            var (mutant, description) = Mutations.Apply(bytes, other, new Random(seed), edits);
            return new PolicyMutant(sets[s], file, mutant, description);
        });

    /// <summary>Edits of layout only (<see cref="Mutations.Relayout"/>), which must not change what the set means.</summary>
    public static Gen<PolicyMutant> Relaid(IReadOnlyList<FuzzCorpus.PolicySet> sets) =>
        from s in Gen.Int[0, sets.Count - 1]
        from f in Gen.Int[0, 1_000]
        from edits in Gen.Int[1, 6]
        from seed in Gen.Int
        select Make(sets[s], f, sets[s], (file, bytes, _) =>
        {
            var (text, description) = Mutations.Relayout(System.Text.Encoding.UTF8.GetString(bytes), new Random(seed), edits);
            return new PolicyMutant(sets[s], file, System.Text.Encoding.UTF8.GetBytes(text), description);
        });

    private static PolicyMutant Make(FuzzCorpus.PolicySet set, int fileIndex, FuzzCorpus.PolicySet otherSet, Func<string, byte[], byte[], PolicyMutant> edit)
    {
        var file = set.Files[fileIndex % set.Files.Count];
        var bytes = System.IO.File.ReadAllBytes(Path.Combine(set.Folder, file));
        var other = System.IO.File.ReadAllBytes(Path.Combine(otherSet.Folder, otherSet.Files[fileIndex % otherSet.Files.Count]));
        return edit(file, bytes, other);
    }
}
