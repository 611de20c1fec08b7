using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Symbols;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Catalog;
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

        foreach (var rule in policySet.AccessRules)
        {
            ReportRequestTagsOnOtherResources(rule);
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
        if (!rule.Keys.IsEmpty || s3Actions.Count == 0 || !Reads(rule.When, IsResourceTag) && !Reads(rule.Unless, IsResourceTag))
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

    /// <summary>
    /// An action such as <c>ec2:RunInstances</c> is authorized on every resource its request names, and AWS shows the
    /// request's tags only on the resource types the catalogue lists them for (the instance and volumes, not the image
    /// or subnet): a rule that reads request tags for it on every resource decides the others as untagged.
    /// </summary>
    private void ReportRequestTagsOnOtherResources(AccessRuleSymbol rule)
    {
        if (!rule.Keys.IsEmpty || !Reads(rule.When, IsRequestTag) && !Reads(rule.Unless, IsRequestTag))
        {
            return;
        }

        var resources = rule.Resources.IsEmpty ? ["*"] : rule.Resources;
        var reached = new List<(string Action, string Types)>();
        foreach (var action in rule.Actions)
        {
            if (IamActionCatalog.Default.FindAction(action) is not { RequestTagsPerResourceType: true } details)
            {
                continue;
            }

            var untagged = details.ResourceTypes
                .Where(t => !details.CarriesRequestTags(t) && resources.Any(r => r == "*" || t.Type.MatchesArn(r.Replace("*", "x", StringComparison.Ordinal))))
                .Select(t => t.Type.Name)
                .ToList();
            if (untagged.Count > 0)
            {
                reached.Add((action, string.Join(", ", untagged)));
            }
        }

        if (reached.Count == 0)
        {
            return;
        }

        var tagged = IamActionCatalog.Default.FindAction(reached[0].Action)!;
        var example = tagged.ResourceTypes.First(t => tagged.CarriesRequestTags(t)).Type;
        _diagnostics.ReportWithHelp(
            Descriptors.RequestTagsNotOnEveryResource,
            rule.Location,
            $"name the resources the request creates in `resources` (for `{reached[0].Action}`, its `{example.Name}`: `{ArnPatternOf(example)}`), or keep the action out of the rule",
            rule.Name,
            string.Join(", ", reached.Select(r => $"`{r.Action}`")),
            string.Join("; ", reached.Select(r => r.Types)),
            rule.Effect == AccessEffect.Allow ? "the rule grants nothing there, and the request needs another grant for them" : "the rule decides there as for an untagged request");
    }

    private static bool IsResourceTag(BoundOperand operand) => operand is BoundClassificationReference or BoundTagReference { Scope: TagScope.Resource };

    private static bool IsRequestTag(BoundOperand operand) =>
        operand is BoundTagReference { Scope: TagScope.Request } tag && !tag.TagKey.StartsWith("aws:", StringComparison.OrdinalIgnoreCase);

    /// <summary>A resource type's ARN as a policy pattern: <c>arn:aws:ec2:*:*:volume/*</c>.</summary>
    private static string ArnPatternOf(IamResourceType type) => type.Fill(name => name == "Partition" ? "aws" : "*");

    private static bool Reads(BoundExpression? expression, Func<BoundOperand, bool> reads)
    {
        var pending = new Stack<BoundExpression>();
        if (expression is not null)
        {
            pending.Push(expression);
        }

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
                case BoundComparison e when reads(e.Left) || reads(e.Right):
                    return true;
                case BoundInExpression e when reads(e.Operand) || e.Values.Any(reads):
                    return true;
            }
        }

        return false;
    }
}
