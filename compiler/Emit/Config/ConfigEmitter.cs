using System.Collections.Immutable;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Engine.Catalog.Resources;
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
        var tables = new List<(ResourceEntry Entry, DecisionTable Table)>();
        var undecided = new List<(string Service, string Why)>();
        foreach (var service in rule.Services)
        {
            // Aliases and account settings carry no checked fact of their own in a configuration item.
            var entries = ResourceCatalog.Default.OfService(service).Where(e => e.Kind is not (ResourceKind.KmsAlias or ResourceKind.AccountSetting)).ToList();
            var shapes = entries.Select(e => (Entry: e, Shape: ConfigItemShapes.For(e))).ToList();
            var gaps = Gaps(shapes.Where(s => s.Shape is null).Select(s => s.Entry));
            if (shapes.All(s => s.Shape is null))
            {
                var reason = entries.Count == 0 ? "sec08 knows no resource type of it yet" : gaps!;
                context.Diagnostics.Report(Descriptors.NotEvaluableByConfig, context.Locate(rule.Origin), rule.Id, service, reason);
                leftOut.Add(new LeftOut(rule, service, reason, Undecidable: false));
                continue;
            }

            var serviceTables = shapes.Where(s => s.Shape is not null).Select(s => (s.Entry, Table: DecisionTable.Build(policy, rule, s.Shape!))).ToList();
            var why = serviceTables.Any(t => t.Table.Undecided.Any()) ? KeyReason(rule.Check, serviceTables.Select(t => t.Entry.Kind)) : null;
            if (why is not null || gaps is not null)
            {
                undecided.Add((service, string.Join("; ", new[] { why, gaps }.OfType<string>())));
            }

            tables.AddRange(serviceTables.Where(t => t.Table.Decided.Any()));
        }

        if (undecided.Count > 0)
        {
            foreach (var group in undecided.GroupBy(u => u.Why))
            {
                context.Diagnostics.Report(Descriptors.DecidedByEvalOnly, context.Locate(rule.Origin), rule.Id, string.Join(", ", group.Select(u => $"`{u.Service}`")), group.Key);
                leftOut.Add(new LeftOut(rule, string.Join(", ", group.Select(u => u.Service)), group.Key, Undecidable: true));
            }
        }

        var baseName = $"sec08-{rule.Requirement}-{ClauseNumber(rule)}";
        var guardTables = new List<(ResourceEntry Entry, DecisionTable Table)>();
        foreach (var group in tables.GroupBy(t => rule.Levels is null ? ManagedRules.Exact.FirstOrDefault(m => m.Types.Contains(t.Entry.Type) && m.Decides(rule.Check)) : null))
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
                managed.Types,
                null,
                managed,
                [],
                Remediation(context, rule, managed.Types)));
        }

        if (guardTables.Count == 0)
        {
            return;
        }

        // A clause over many resource types may not fit one policy text: it becomes several rules, -1, -2, ..., each
        // taking the types in catalogue order while its text fits.
        var parts = Split(policy, rule, guardTables);
        for (var i = 0; i < parts.Count; i++)
        {
            var (part, text) = parts[i];
            var suffix = parts.Count == 1 ? string.Empty : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var name = suffix.Length == 0 ? baseName : $"{baseName}-{suffix}";
            CheckName(context, rule, name);
            if (text.Length > MaxPolicyText)
            {
                context.Diagnostics.Report(Descriptors.GuardPolicyTooLong, context.Locate(rule.Origin), name, text.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            }

            rules.Add(new ConfigRuleOutput(
                name,
                suffix.Length == 0 ? SidNames.Pascal("sec08", rule.Requirement, ClauseNumber(rule)) : SidNames.Pascal("sec08", rule.Requirement, ClauseNumber(rule), "part", suffix),
                rule,
                [.. part.Select(t => t.Table.AwsType).Distinct()],
                text,
                null,
                [.. part.Where(t => t.Table.Undecided.Any()).Select(t => (t.Table.AwsType, t.Table.Undecided.Select(t.Table.Describe).ToImmutableArray()))],
                Remediation(context, rule, [.. part.Select(t => t.Entry.Type)]))
            {
                Decides = [.. part.Select(t => t.Entry.Type)],
            });
        }
    }

    /// <summary>The tables in as few consecutive parts as fit Config's policy text each (a table too long alone is a part of its own).</summary>
    private static List<(List<(ResourceEntry Entry, DecisionTable Table)> Tables, string Text)> Split(PolicySet policy, CompiledRule rule, List<(ResourceEntry Entry, DecisionTable Table)> tables)
    {
        var guardName = $"sec08_{rule.Requirement}_{ClauseNumber(rule)}";
        string Write(List<(ResourceEntry Entry, DecisionTable Table)> part, int number) =>
            GuardRuleWriter.Write(number == 0 ? guardName : $"{guardName}_{number}", policy, rule, [.. part.Select(t => t.Table)]);

        var whole = Write(tables, 0);
        if (whole.Length <= MaxPolicyText || tables.Count == 1)
        {
            return [(tables, whole)];
        }

        var parts = new List<(List<(ResourceEntry Entry, DecisionTable Table)> Tables, string Text)>();
        var current = new List<(ResourceEntry Entry, DecisionTable Table)>();
        var text = string.Empty;
        foreach (var table in tables)
        {
            var next = Write([.. current, table], parts.Count + 1);
            if (current.Count > 0 && next.Length > MaxPolicyText)
            {
                parts.Add((current, text));
                current = [table];
                text = Write(current, parts.Count + 1);
            }
            else
            {
                current.Add(table);
                text = next;
            }
        }

        parts.Add((current, text));
        return parts;
    }

    /// <summary>Why no Config rule decides these types, grouped by reason; null when there are none.</summary>
    private static string? Gaps(IEnumerable<ResourceEntry> entries)
    {
        var reasons = entries
            .GroupBy(ConfigItemShapes.Gap)
            .OrderBy(g => g.Key)
            .Select(g => g.Key switch
            {
                ShapeGap.NotRecorded => $"AWS Config does not record {string.Join(", ", g.Select(e => e.Type))}",
                ShapeGap.EachElement => $"{string.Join(", ", g.Select(e => e.Type))} need every element of a list checked, which the Guard rules do not do",
                ShapeGap.Nested => $"{string.Join(", ", g.Select(e => e.Type))} are read from properties that lie inside one another, which the Guard rules do not do",
                _ => $"sec08 does not know where items of {string.Join(", ", g.Select(e => e.Type))} say whether they are encrypted",
            })
            .ToList();
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>A runbook fixes a rule's failures only when the rule evaluates one resource type, and an AWS runbook exists for it.</summary>
    private static RemediationChoice Remediation(EmitContext context, CompiledRule rule, ImmutableArray<string> types)
    {
        if (types.Length != 1)
        {
            return new RemediationChoice(null, null, $"the rule evaluates {types.Length} resource types, and a remediation runs one runbook");
        }

        if (Runbooks.For(types[0], rule.Check) is not { } runbook)
        {
            return new RemediationChoice(null, null, $"no AWS-owned runbook fixes this for {types[0]}");
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
            context.Diagnostics.Report(Descriptors.ConfigRuleNameInvalid, context.Locate(rule.Origin), name, problem);
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
        CopiesEncryptedPredicate => "the copies a resource makes (read replicas, backup copy actions, replication rules) are not among the properties the Guard rules read",
        RetentionPredicate => "how long a resource keeps its data is not among the properties the Guard rules read",
        _ => null,
    };

    private static string ClauseNumber(CompiledRule rule) => rule.Id[(rule.Id.LastIndexOf('.') + 1)..];
}

/// <summary>Every Config rule of a build, and what is left to <c>sec08 eval</c>.</summary>
internal sealed record ConfigRules(ImmutableArray<ConfigRuleOutput> Rules, ImmutableArray<LeftOut> LeftOut)
{
    /// <summary>The alerts on their non-compliant evaluations, when the build deploys them.</summary>
    public ComplianceAlerts? Alerts { get; init; }
}
