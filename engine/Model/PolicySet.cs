using System.Collections.Immutable;

namespace Sec08Policy.Engine.Model;

/// <summary>
/// The compiled policy: no syntax, no compiler types. Everything the emitters, the evaluator and the access decision
/// procedure need, and nothing they would have to look up elsewhere.
/// </summary>
/// <param name="Account">The account the policy header names as owner of the keys and policies; null when it names none.</param>
public sealed record PolicySet(
    string? Name,
    string? Account,
    ClassificationScheme? Classification,
    ImmutableArray<KeySpec> Keys,
    ImmutableArray<CompiledRule> Rules,
    ImmutableArray<AccessRule> AccessRules,
    ImmutableArray<Waiver> Waivers)
{
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
