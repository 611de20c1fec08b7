using System.Collections.Immutable;

namespace Sec08Policy.Engine.Model;

/// <summary>
/// The compiled policy: no syntax, no compiler types. Everything the emitters, the evaluator and the access decision
/// procedure need, and nothing they would have to look up elsewhere.
/// </summary>
/// <param name="Account">The account the policy header names as owner of the keys and policies; null when it names none.</param>
/// <param name="S3BucketAbac">The header says every S3 bucket the policy governs has ABAC enabled, so S3 requests carry the bucket's tags.</param>
public sealed record PolicySet(
    string? Name,
    string? Account,
    bool S3BucketAbac,
    ClassificationScheme? Classification,
    ImmutableArray<KeySpec> Keys,
    ImmutableArray<CompiledRule> Rules,
    ImmutableArray<AccessRule> AccessRules,
    ImmutableArray<Waiver> Waivers)
{
    /// <summary>The data perimeters the policy declares.</summary>
    public ImmutableArray<Perimeters.Perimeter> Perimeters { get; init; } = [];

    public KeySpec? FindKey(string name)
    {
        foreach (var key in Keys)
        {
            if (key.Name == name)
            {
                return key;
            }
        }

        return null;
    }
}
