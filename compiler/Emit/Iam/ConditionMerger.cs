using System.Collections.Immutable;
using Sec08Policy.Compiler.Emit.Json;

namespace Sec08Policy.Compiler.Emit.Iam;

/// <summary>
/// Combines the entries of one conjunction into a Condition element. IAM allows each key once per operator, so
/// repeated tests are merged (equalities intersect, inequalities accumulate); contradictions make the conjunction
/// unsatisfiable (null); merges IAM cannot express throw.
/// </summary>
internal static class ConditionMerger
{
    public static ConditionBlock? Merge(IEnumerable<ConditionEntry> entries)
    {
        var merged = new Dictionary<(string Op, string Key), ImmutableArray<string>>();
        foreach (var entry in entries)
        {
            var slot = (entry.Operator, entry.Key);
            if (!merged.TryGetValue(slot, out var existing))
            {
                merged[slot] = entry.Values;
                continue;
            }

            switch (entry.Operator)
            {
                case "StringEquals":
                    if ((entry.HasVariables || existing.Any(v => v.Contains("${", StringComparison.Ordinal))) && !existing.SequenceEqual(entry.Values))
                    {
                        throw new IamLoweringException($"two different equality tests on `{entry.Key}` in one statement cannot both be written");
                    }

                    merged[slot] = [.. existing.Intersect(entry.Values)];
                    if (merged[slot].IsEmpty)
                    {
                        return null;
                    }

                    break;
                case "StringNotEquals" or "NotIpAddress" or "ArnNotLike":
                    merged[slot] = [.. existing.Union(entry.Values).Order(StringComparer.Ordinal)];
                    break;
                case "Null":
                    if (!existing.SequenceEqual(entry.Values))
                    {
                        return null;
                    }

                    break;
                default:
                    if (!existing.SequenceEqual(entry.Values))
                    {
                        throw new IamLoweringException($"`{entry.Operator}` on `{entry.Key}` appears twice with different values");
                    }

                    break;
            }
        }

        if (!Reconcile(merged))
        {
            return null;
        }

        var block = ConditionBlock.Empty;
        foreach (var ((op, key), values) in merged.OrderBy(m => m.Key.Op, StringComparer.Ordinal).ThenBy(m => m.Key.Key, StringComparer.Ordinal))
        {
            block = block.With(op, key, new ValueList(values));
        }

        return block;
    }

    /// <summary>Resolves equality against inequality or absence on the same key; false when they contradict.</summary>
    private static bool Reconcile(Dictionary<(string Op, string Key), ImmutableArray<string>> merged)
    {
        foreach (var ((op, key), values) in merged.ToList())
        {
            if (op != "StringEquals")
            {
                continue;
            }

            if (merged.TryGetValue(("Null", key), out var isNull) && isNull is ["true"])
            {
                return false;
            }

            if (merged.TryGetValue(("StringNotEquals", key), out var excluded) && !values.Any(v => v.Contains("${", StringComparison.Ordinal)) && !excluded.Any(v => v.Contains("${", StringComparison.Ordinal)))
            {
                var remaining = values.Except(excluded).ToImmutableArray();
                if (remaining.IsEmpty)
                {
                    return false;
                }

                merged[(op, key)] = remaining;
                merged.Remove(("StringNotEquals", key));
            }

            // Equality already requires the key to be present.
            if (merged.TryGetValue(("Null", key), out var present) && present is ["false"])
            {
                merged.Remove(("Null", key));
            }
        }

        return true;
    }
}
