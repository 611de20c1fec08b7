using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Symbols;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Binding;

internal sealed partial class Binder
{
    private void ReportLints(BoundPolicySet policySet)
    {
        foreach (var rule in policySet.AccessRules)
        {
            var everywhere = rule.Keys.IsEmpty && (rule.Resources.IsEmpty || rule.Resources.Contains("*"));
            if (rule.Effect == AccessEffect.Allow && everywhere && rule.When is null && rule.Unless is null && !rule.Actions.IsEmpty)
            {
                _diagnostics.ReportWithHelp(
                    Descriptors.AllowOnAllResources,
                    rule.Location,
                    "scope it with `resources` or a `when` condition",
                    rule.Name,
                    string.Join(", ", rule.Actions.Select(a => $"`{a}`")));
            }
        }

        if (policySet.Header?.S3BucketAbac != true)
        {
            foreach (var rule in policySet.AccessRules)
            {
                ReportS3ResourceTags(rule);
            }
        }

        foreach (var key in policySet.Keys)
        {
            var named = policySet.Requirements.Any(r => r.Clauses.Any(c => c.Assertion.Key == key))
                || policySet.AccessRules.Any(r => r.Keys.Contains(key));
            if (key.Protects.IsEmpty && !named)
            {
                _diagnostics.Report(Descriptors.UnusedKey, key.Location, key.Name);
            }
        }
    }

    /// <summary>
    /// A rule's resource tags are, for S3, the bucket's tags; AWS puts them in the request context of S3 requests
    /// (<c>aws:ResourceTag</c>) only when the bucket has ABAC enabled, a setting the policy cannot see.
    /// </summary>
    private void ReportS3ResourceTags(AccessRuleSymbol rule)
    {
        var s3Actions = rule.Actions.Where(a => a == "*" || a.StartsWith("s3:", StringComparison.OrdinalIgnoreCase)).ToList();
        if (!rule.Keys.IsEmpty || s3Actions.Count == 0 || !ReadsResourceTags(rule.When) && !ReadsResourceTags(rule.Unless))
        {
            return;
        }

        _diagnostics.ReportWithHelp(
            Descriptors.S3TagsNeedBucketAbac,
            rule.Location,
            "once every bucket has ABAC enabled (`s3:PutBucketAbac`), say so with `s3_bucket_abac true` in the `policy` header",
            rule.Name,
            string.Join(", ", s3Actions.Select(a => $"`{a}`")),
            rule.Effect == AccessEffect.Allow ? "the rule grants nothing there" : "the rule decides there as for an untagged bucket");
    }

    private static bool ReadsResourceTags(BoundExpression? expression)
    {
        var pending = new Stack<BoundExpression>();
        if (expression is not null)
        {
            pending.Push(expression);
        }

        static bool IsResourceTag(BoundOperand operand) => operand is BoundClassificationReference or BoundTagReference { Scope: TagScope.Resource };
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case BoundLogicalExpression e:
                    pending.Push(e.Left);
                    pending.Push(e.Right);
                    break;
                case BoundNotExpression e:
                    pending.Push(e.Operand);
                    break;
                case BoundComparison e when IsResourceTag(e.Left) || IsResourceTag(e.Right):
                    return true;
                case BoundInExpression e when IsResourceTag(e.Operand) || e.Values.Any(IsResourceTag):
                    return true;
            }
        }

        return false;
    }
}
