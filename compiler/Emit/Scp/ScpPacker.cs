using System.Collections.Immutable;
using Sec08Policy.Compiler.Emit.Json;

namespace Sec08Policy.Compiler.Emit.Scp;

/// <summary>
/// Packs minified Deny statements into as few SCPs as fit, deterministically: first-fit decreasing by size (ties by
/// Sid), statements inside a policy ordered by Sid. Every character counts, as Organizations counts them.
/// </summary>
internal static class ScpPacker
{
    /// <summary>The characters of a policy with no statements: <c>{"Version":"2012-10-17","Statement":[]}</c>.</summary>
    public static readonly int EmptyDocumentLength = PolicyJson.Minified(new PolicyDocument { Statement = [] }).Length;

    public sealed record Packing(ImmutableArray<ImmutableArray<ScpStatementSource>> Policies, int TotalCharacters);

    /// <summary>The size of a policy holding these statements: the empty document, the statements and commas.</summary>
    public static int PolicyLength(IReadOnlyCollection<ScpStatementSource> statements) =>
        EmptyDocumentLength + statements.Sum(s => s.Length) + Math.Max(0, statements.Count - 1);

    /// <summary>Packs without a count limit; the caller compares the count with its maximum.</summary>
    public static Packing Pack(IEnumerable<ScpStatementSource> statements, int maxCharacters)
    {
        var bins = new List<List<ScpStatementSource>>();
        var sizes = new List<int>();
        foreach (var statement in statements.OrderByDescending(s => s.Length).ThenBy(s => s.Statement.Sid, StringComparer.Ordinal))
        {
            var placed = false;
            for (var i = 0; i < bins.Count; i++)
            {
                var grown = sizes[i] + 1 + statement.Length;
                if (grown <= maxCharacters)
                {
                    bins[i].Add(statement);
                    sizes[i] = grown;
                    placed = true;
                    break;
                }
            }

            if (!placed)
            {
                bins.Add([statement]);
                sizes.Add(EmptyDocumentLength + statement.Length);
            }
        }

        var policies = bins.Select(b => b.OrderBy(s => s.Statement.Sid, StringComparer.Ordinal).ToImmutableArray()).ToImmutableArray();
        return new Packing(policies, sizes.Sum());
    }
}
