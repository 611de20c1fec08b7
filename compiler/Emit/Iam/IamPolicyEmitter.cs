using System.Collections.Immutable;
using System.Globalization;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Emit.Json;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Emit.Iam;

/// <summary>
/// One customer managed policy per access rule that is not granted in a key policy: <c>iam/RULE.json</c>. A condition
/// becomes one statement per disjunct; <c>until</c> becomes <c>DateLessThan aws:CurrentTime</c> on each.
/// </summary>
internal static class IamPolicyEmitter
{
    public const int MaxNonWhitespaceCharacters = 6144;

    public static ImmutableArray<EmittedDocument> Emit(EmitContext context)
    {
        var documents = ImmutableArray.CreateBuilder<EmittedDocument>();
        foreach (var rule in context.PolicySet.AccessRules.Where(r => r.Keys.IsEmpty))
        {
            var path = $"iam/{rule.Name}.json";
            var statements = BuildStatements(rule, context, principal: null);
            if (statements is null || statements.Value.IsEmpty)
            {
                continue;
            }

            var document = new PolicyDocument { Statement = statements.Value };
            var size = PolicyJson.NonWhitespaceLength(PolicyJson.Minified(document));
            if (size > MaxNonWhitespaceCharacters)
            {
                context.Diagnostics.Report(Descriptors.ManagedPolicyTooLarge, context.Locate(rule.Origin), rule.Name, size.ToString("N0", CultureInfo.InvariantCulture));
                continue;
            }

            documents.Add(new EmittedDocument(path, rule.Name, document, Entries(path, "iam", rule, statements.Value)));
        }

        return documents.ToImmutable();
    }

    /// <summary>The statements of a rule, or null after reporting why IAM cannot express it.</summary>
    public static ImmutableArray<PolicyStatement>? BuildStatements(AccessRule rule, EmitContext context, PolicyPrincipal? principal)
    {
        ImmutableArray<ConditionBlock> blocks;
        try
        {
            blocks = ConditionBlocks(rule, context.PolicySet.Classification);
        }
        catch (IamLoweringException e)
        {
            context.Diagnostics.Report(Descriptors.CannotExpressInIam, context.Locate(rule.Origin), rule.Name, e.Message);
            return null;
        }

        if (blocks.IsEmpty)
        {
            context.Diagnostics.Report(Descriptors.ConditionNeverHolds, context.Locate(rule.Origin), rule.Name);
            return [];
        }

        var sid = SidNames.Pascal(rule.Name);
        return [.. blocks.Select((block, i) => new PolicyStatement
        {
            Sid = blocks.Length == 1 ? sid : sid + (i + 1).ToString(CultureInfo.InvariantCulture),
            Effect = rule.Effect == AccessEffect.Allow ? "Allow" : "Deny",
            Principal = principal,
            Action = ValueList.Of(rule.Actions.Distinct()),
            Resource = principal is null ? ValueList.Of(rule.Resources) : ValueList.Of("*"),
            Condition = block.OrNull(),
        })];
    }

    private static ImmutableArray<ConditionBlock> ConditionBlocks(AccessRule rule, ClassificationScheme? scheme)
    {
        var alternatives = rule.Condition is null
            ? [[]]
            : new IamConditionLowering(scheme).ToAlternatives(rule.Condition);
        var blocks = ImmutableArray.CreateBuilder<ConditionBlock>();
        foreach (var alternative in alternatives)
        {
            var entries = alternative;
            // In an identity policy, `principals` narrows the rule to those callers.
            if (rule.Keys.IsEmpty && !rule.Principals.IsEmpty)
            {
                var arns = rule.Principals.Select(p => p.All(char.IsAsciiDigit) ? $"arn:aws:iam::{p}:*" : p);
                entries = entries.Add(new ConditionEntry("ArnLike", "aws:PrincipalArn", [.. arns.Distinct().Order(StringComparer.Ordinal)]));
            }

            if (rule.NotAfter is { } notAfter)
            {
                entries = entries.Add(new ConditionEntry("DateLessThan", "aws:CurrentTime", [notAfter.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)]));
            }

            var block = ConditionMerger.Merge(entries);
            if (block is not null && !blocks.Contains(block))
            {
                blocks.Add(block);
            }
        }

        return blocks.ToImmutable();
    }

    public static ImmutableArray<ManifestEntry> Entries(string path, string kind, AccessRule rule, ImmutableArray<PolicyStatement> statements) =>
        [.. statements.Select(s => new ManifestEntry(path, s.Sid, kind, rule.Name, rule.Origin))];
}
