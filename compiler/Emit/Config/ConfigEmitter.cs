using System.Collections.Immutable;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Predicates;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Compiler.Emit.Config;

/// <summary>
/// Turns each requirement clause into AWS Config rules: Guard custom policy rules for what one configuration item
/// decides, AWS managed rules where one decides exactly the same, and a remediation per rule where an AWS runbook fixes
/// the failure. Reads the IR only.
/// </summary>
internal static class ConfigEmitter
{
    /// <summary>AWS Config allows at most 10,000 characters of policy text (CustomPolicyDetails.PolicyText).</summary>
    public const int MaxPolicyText = 10_000;

    /// <summary>Organization Config rule names: 1-64 characters of <c>[A-Za-z0-9-_]</c> (the stricter of the two rule-name limits).</summary>
    public const int MaxRuleName = 64;

    public static ConfigRules Emit(EmitContext context)
    {
        var policy = context.PolicySet;
        var rules = ImmutableArray.CreateBuilder<ConfigRuleOutput>();
        var leftOut = ImmutableArray.CreateBuilder<LeftOut>();
        foreach (var rule in policy.Rules)
        {
            EmitRule(context, policy, rule, rules, leftOut);
        }

        return new ConfigRules(rules.ToImmutable(), leftOut.ToImmutable());
    }

    private static void EmitRule(EmitContext context, PolicySet policy, CompiledRule rule, ImmutableArray<ConfigRuleOutput>.Builder rules, ImmutableArray<LeftOut>.Builder leftOut)
    {
        var tables = new List<(ResourceKind Kind, DecisionTable Table)>();
        var undecided = new List<(string Service, string Why)>();
        foreach (var service in rule.Services)
        {
            var kinds = Enum.GetValues<ResourceKind>().Where(k => ResourceTypes.Service(k) == service).ToList();
            var recorded = kinds.Select(k => (Kind: k, Shape: ConfigItemShapes.For(k))).Where(k => k.Shape is not null).ToList();
            if (recorded.Count == 0)
            {
                var reason = kinds.Count == 0 ? "sec08 knows no resource type of it yet" : $"AWS Config does not record {string.Join(", ", kinds.Select(AwsType))}";
                context.Diagnostics.Report(Descriptors.NotEvaluableByConfig, context.ClauseLocation(rule.Id), rule.Id, service, reason);
                leftOut.Add(new LeftOut(rule, service, reason, Undecidable: false));
                continue;
            }

            var serviceTables = recorded.Select(k => (k.Kind, Table: DecisionTable.Build(policy, rule, k.Shape!))).ToList();
            if (serviceTables.Any(t => t.Table.Undecided.Any()) && KeyReason(rule.Check, serviceTables.Select(t => t.Kind)) is { } why)
            {
                undecided.Add((service, why));
            }

            tables.AddRange(serviceTables.Where(t => t.Table.Decided.Any()));
        }

        if (undecided.Count > 0)
        {
            foreach (var group in undecided.GroupBy(u => u.Why))
            {
                context.Diagnostics.Report(Descriptors.DecidedByEvalOnly, context.ClauseLocation(rule.Id), rule.Id, string.Join(", ", group.Select(u => $"`{u.Service}`")), group.Key);
                leftOut.Add(new LeftOut(rule, string.Join(", ", group.Select(u => u.Service)), group.Key, Undecidable: true));
            }
        }

        var baseName = $"sec08-{rule.Requirement}-{ClauseNumber(rule)}";
        var guardTables = new List<(ResourceKind Kind, DecisionTable Table)>();
        foreach (var group in tables.GroupBy(t => rule.Levels is null ? ManagedRules.Exact.FirstOrDefault(m => m.Kinds.Contains(t.Kind) && m.Decides(rule.Check)) : null))
        {
            if (group.Key is not { } managed)
            {
                guardTables.AddRange(group);
                continue;
            }

            var name = $"{baseName}-{managed.Suffix}";
            CheckName(context, rule, name);
            rules.Add(new ConfigRuleOutput(
                name,
                SidNames.Pascal("sec08", rule.Requirement, ClauseNumber(rule), managed.Suffix),
                rule,
                [.. managed.Kinds.Select(AwsType)],
                null,
                managed,
                [],
                Remediation(context, rule, [.. managed.Kinds])));
        }

        if (guardTables.Count == 0)
        {
            return;
        }

        var guardName = $"sec08_{rule.Requirement}_{ClauseNumber(rule)}";
        var text = GuardRuleWriter.Write(guardName, policy, rule, [.. guardTables.Select(t => t.Table)]);
        CheckName(context, rule, baseName);
        if (text.Length > MaxPolicyText)
        {
            context.Diagnostics.Report(Descriptors.GuardPolicyTooLong, context.ClauseLocation(rule.Id), baseName, text.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }

        rules.Add(new ConfigRuleOutput(
            baseName,
            SidNames.Pascal("sec08", rule.Requirement, ClauseNumber(rule)),
            rule,
            [.. guardTables.Select(t => t.Table.AwsType)],
            text,
            null,
            [.. guardTables.Where(t => t.Table.Undecided.Any()).Select(t => (t.Table.AwsType, t.Table.Undecided.Select(t.Table.Describe).ToImmutableArray()))],
            Remediation(context, rule, [.. guardTables.Select(t => t.Kind)])));
    }

    /// <summary>A runbook fixes a rule's failures only when the rule evaluates one resource type, and an AWS runbook exists for it.</summary>
    private static RemediationChoice Remediation(EmitContext context, CompiledRule rule, ImmutableArray<ResourceKind> kinds)
    {
        if (kinds.Length != 1)
        {
            return new RemediationChoice(null, null, $"the rule evaluates {kinds.Length} resource types, and a remediation runs one runbook");
        }

        if (Runbooks.For(kinds[0], rule.Check) is not { } runbook)
        {
            return new RemediationChoice(null, null, $"no AWS-owned runbook fixes this for {AwsType(kinds[0])}");
        }

        var named = rule.Check as NamedKeyPredicate;
        var key = named is null ? null : context.PolicySet.Keys.FirstOrDefault(k => k.Name == named.Key);
        return runbook.KeyParameter is not null && key is null
            ? new RemediationChoice(null, null, $"{runbook.Document} needs a key, and the rule names none")
            : new RemediationChoice(runbook, key, null);
    }

    private static void CheckName(EmitContext context, CompiledRule rule, string name)
    {
        var problem = name.Length > MaxRuleName ? $"has {name.Length} characters"
            : name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) ? "has characters outside letters, digits, `-` and `_`"
            : null;
        if (problem is not null)
        {
            context.Diagnostics.Report(Descriptors.ConfigRuleNameInvalid, context.ClauseLocation(rule.Id), name, problem);
        }
    }

    /// <summary>
    /// Why a check about keys is decided from one item only in part, or null for checks whose undecided cases come only
    /// from items that lack a property Config always records (a Region, a flag).
    /// </summary>
    private static string? KeyReason(Predicate check, IEnumerable<ResourceKind> kinds) => check switch
    {
        KeyRotationPredicate { MaxDays: not null } when kinds.Contains(ResourceKind.KmsKey) => "AWS Config does not record a key's rotation period",
        KeyRotationPredicate => "a customer managed key's rotation is in the key's own configuration item, not in the resource's",
        CustomerManagedKeyPredicate or NamedKeyPredicate => "a key named by its ID or ARN is told apart only by the key's own configuration item",
        _ => null,
    };

    private static string ClauseNumber(CompiledRule rule) => rule.Id[(rule.Id.LastIndexOf('.') + 1)..];

    private static string AwsType(ResourceKind kind) => ConfigItemShapes.AwsType(kind);
}

/// <summary>Every Config rule of a build, and what is left to <c>sec08 eval</c>.</summary>
internal sealed record ConfigRules(ImmutableArray<ConfigRuleOutput> Rules, ImmutableArray<LeftOut> LeftOut);
