using System.Text;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Emit.Config;

/// <summary>
/// Writes the Guard policy text of one Config rule: one Guard rule, applying to the rule's resource types and, for a
/// clause scoped by classification, to items whose classification tag holds one of its levels (or that are untagged,
/// when the default level is one of them). Inside it, a decision tree per resource type (types whose trees are the same
/// share one) ends in an assertion of compliance or of its opposite; an item no branch reaches is skipped, which Config
/// reports as NOT_APPLICABLE. Every character counts against Config's 10,000, so the text is terse.
/// </summary>
internal static class GuardRuleWriter
{
    private const string Indent = "  ";

    public static string Write(string guardName, PolicySet policy, CompiledRule rule, IReadOnlyList<DecisionTable> tables)
    {
        var text = new StringBuilder();
        text.Append("# sec08 ").Append(rule.Id).Append(" (").Append(rule.Origin).Append("): ").Append(rule.Message).Append('\n');
        text.Append("rule ").Append(guardName).Append(" when resourceType IN ").Append(GuardText.List(tables.Select(t => t.AwsType).Distinct())).Append('\n');
        if (Scope(policy, rule) is { } scope)
        {
            text.Append(Indent).Append(scope).Append('\n');
        }

        text.Append("{\n");
        var message = GuardText.Message($"sec08 {rule.Id}");
        // Types whose trees are the same share a block, unless a selector picks some of a type's items.
        foreach (var group in tables.Select(t => (t.AwsType, t.Shape.Selector.Clauses, Body: Body(t, message))).GroupBy(t => (t.Body, Selector: string.Join('\n', t.Clauses))))
        {
            var types = group.Select(t => t.AwsType).Distinct().ToList();
            var selector = group.First().Clauses.Select(c => "\n" + Indent + "     " + c);
            text.Append(Indent).Append("when resourceType ").Append(types.Count == 1 ? "== " + GuardText.String(types[0]) : "IN " + GuardText.List(types)).Append(string.Concat(selector)).Append(" {\n");
            text.Append(group.Key.Body);
            text.Append(Indent).Append("}\n");
        }

        return text.Append("}\n").ToString();
    }

    private static string Body(DecisionTable table, string message)
    {
        var text = new StringBuilder();
        Branch(text, table, [.. table.Decided], 0, 2, message);
        return text.ToString();
    }

    /// <summary>
    /// Writes the cases as a decision tree over the table's dimensions, so that a condition shared by several cases is
    /// written once: cases that do not depend on dimension <paramref name="d"/> come first, then one <c>when</c> block per
    /// alternative of it. The cases partition the items, so the blocks never overlap. The assertions hold, or fail, for
    /// every item of the type: <c>resourceType</c> is the one property every configuration item has.
    /// </summary>
    private static void Branch(StringBuilder text, DecisionTable table, List<DecisionCase> cases, int d, int depth, string message)
    {
        var pad = string.Concat(Enumerable.Repeat(Indent, depth));
        if (d == table.Dimensions.Length)
        {
            foreach (var decision in cases)
            {
                text.Append(pad).Append(decision.Verdict == Verdict.Pass ? "resourceType exists\n" : $"resourceType not exists {message}\n");
            }

            return;
        }

        var any = cases.Where(c => c.Choice[d] < 0).ToList();
        if (any.Count > 0)
        {
            Branch(text, table, any, d + 1, depth, message);
        }

        foreach (var group in cases.Where(c => c.Choice[d] >= 0).GroupBy(c => c.Choice[d]).OrderBy(g => g.Key))
        {
            var clauses = table.Dimensions[d].Alternatives[group.Key].Clauses;
            text.Append(pad).Append("when ").Append(string.Join("\n" + pad + "     ", clauses)).Append(" {\n");
            Branch(text, table, [.. group], d + 1, depth + 1, message);
            text.Append(pad).Append("}\n");
        }
    }

    /// <summary>The clause that keeps items outside the rule's levels out, as the evaluator does; null when unscoped.</summary>
    private static string? Scope(PolicySet policy, CompiledRule rule)
    {
        if (rule.Levels is not { } levels || policy.Classification is not { } scheme)
        {
            return null;
        }

        var tag = Dimensions.Tag(scheme.TagKey);
        var inLevels = $"{tag} IN {GuardText.List(levels.Levels.Distinct())}";
        return scheme.DefaultLevel is { } fallback && levels.Levels.Contains(fallback) ? $"{tag} not exists or {inLevels}" : inLevels;
    }
}
