using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sec08Policy.Compiler;
using Sec08Policy.Compiler.Emit;
using Sec08Policy.Compiler.Emit.Config;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Model;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Config;

/// <summary>
/// The proof that the emitted Guard rules decide as sec08 does: the real cfn-guard engine (3.1.1, installed pinned from
/// the npm registry by scripts/cfn-guard/install.sh) runs every Guard rule of a build over the configuration items of
/// the test corpus and over generated ones (a sample of every case of every rule, with every classification), and its
/// PASS, FAIL or SKIP per item must equal <c>sec08 eval</c>'s verdict on that item alone: Pass is PASS, Fail is FAIL,
/// and Unknown and not applicable are SKIP (Config's NOT_APPLICABLE). Waivers are left out on both sides: Config rules
/// do not know them.
/// </summary>
public class GuardAgreementTests
{
    private static readonly string[] s_corpus =
    [
        "tests/Sec08Policy.Tests/Cases/inputs/equivalence/config-items.json",
        "tests/Sec08Policy.Tests/Cases/inputs/equivalence/config-snapshot.json",
    ];

    [TestCase("policies")]
    [TestCase("tests/Sec08Policy.Tests/Cases/config/agreement.sec08")]
    public void CfnGuard_DecidesEveryItem_AsSec08EvalDoes(string policyPath)
    {
        var guard = CfnGuard.Locate();
        var loaded = PolicySetLoader.Load([Path.Combine(RepoPaths.Root, policyPath)]);
        var build = Compilation.Create(loaded.Trees, TestPolicies.Options).Emit();
        Assert.That(build.Success, Is.True, string.Join("\n", build.Diagnostics));
        var policy = build.PolicySet! with { Waivers = [] };
        var rules = GuardRules(build);
        var items = CorpusItems().Concat(GeneratedItems(policy)).Distinct().ToList();

        var guardVerdicts = CfnGuard.Validate(guard, [.. rules.Select(r => r.Text)], items);

        var disagreements = new List<string>();
        var evaluator = new Evaluator(policy, new EvaluationOptions(CliRunner.Today));
        var decided = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var resources = InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(items[i])), $"item-{i}.json").Resources;
            var findings = evaluator.Evaluate(resources).Findings;
            var type = resources.Length == 1 ? resources[0].Type : string.Empty;
            foreach (var rule in rules)
            {
                var expected = !rule.Types.Contains(type) ? "SKIP" : findings.FirstOrDefault(f => f.Rule.Id == rule.RuleId)?.Verdict switch
                {
                    Verdict.Pass => "PASS",
                    Verdict.Fail => "FAIL",
                    _ => "SKIP",
                };
                var actual = guardVerdicts[i].GetValueOrDefault(rule.GuardName, "SKIP");
                decided += actual == "SKIP" ? 0 : 1;
                if (actual != expected)
                {
                    disagreements.Add($"{rule.RuleId} on item {i}: cfn-guard {actual}, sec08 eval {expected}: {items[i]}");
                }
            }
        }

        Assert.That(disagreements, Is.Empty, $"{disagreements.Count} disagreements; the first:\n{string.Join("\n", disagreements.Take(5))}");
        Assert.That(decided, Is.GreaterThan(items.Count), "cfn-guard decided the items, rather than skipping them");
        TestContext.Out.WriteLine($"{items.Count} items x {rules.Count} Guard rules, {decided} decided, all as sec08 eval decides");
    }

    private sealed record GuardRule(string RuleId, string GuardName, string Text, HashSet<string> Types);

    /// <summary>The Guard rules of a build, with the clause and resource types each evaluates (from the manifest).</summary>
    private static List<GuardRule> GuardRules(EmitResult build)
    {
        var manifest = JsonNode.Parse(build.Artifacts.Single(a => a.Path == "manifest.json").Content)!["config"]!["rules"]!.AsArray();
        var files = build.Artifacts.ToDictionary(a => a.Path, a => a.Content);
        return [.. manifest.Where(r => r!["kind"]!.GetValue<string>() == "guard").Select(r =>
        {
            var text = files[r!["file"]!.GetValue<string>()];
            return new GuardRule(
                r["rule"]!.GetValue<string>(),
                Regex.Match(text, @"^rule (\S+) when", RegexOptions.Multiline).Groups[1].Value,
                text,
                [.. r["decides"]!.AsArray().Select(t => t!.GetValue<string>())]);
        })];
    }

    /// <summary>The configuration items of the test corpus, in the notification form a Config rule evaluates, in every classification.</summary>
    private static IEnumerable<string> CorpusItems()
    {
        foreach (var file in s_corpus)
        {
            var root = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, file)))!;
            var items = root is JsonArray list ? list : root["configurationItems"]!.AsArray();
            foreach (var item in items.OfType<JsonObject>())
            {
                if (item["configurationItemStatus"]?.GetValue<string>() is "ResourceDeleted" or "ResourceDeletedNotRecorded" or "ResourceNotRecorded")
                {
                    continue;
                }

                foreach (var variant in Classified(NotificationForm(item)))
                {
                    yield return variant;
                }
            }
        }
    }

    /// <summary>A sample item of every case of every rule and resource type, and the same with booleans written as upper-case strings.</summary>
    private static IEnumerable<string> GeneratedItems(PolicySet policy)
    {
        foreach (var rule in policy.Rules)
        {
            foreach (var entry in ResourceCatalog.Default.Entries.Where(e => rule.Services.Contains(e.Service)))
            {
                if (ConfigItemShapes.For(entry) is not { } shape)
                {
                    continue;
                }

                foreach (var decision in DecisionTable.Build(policy, rule, shape).Cases)
                {
                    var sample = JsonNode.Parse(decision.Sample)!.AsObject();
                    foreach (var variant in Classified(sample).Append(UpperCaseBooleans(sample)))
                    {
                        yield return variant;
                    }
                }
            }
        }
    }

    /// <summary>The item as it is, and with its classification tag set to every level, to a value that is no level, and removed.</summary>
    private static IEnumerable<string> Classified(JsonObject item)
    {
        yield return item.ToJsonString();
        foreach (var level in new[] { "public", "internal", "confidential", "restricted", "secret", null })
        {
            var copy = item.DeepClone().AsObject();
            var tags = (JsonObject)(copy["tags"] ??= new JsonObject());
            if (level is null)
            {
                tags.Remove("DataClassification");
            }
            else
            {
                tags["DataClassification"] = level;
            }

            yield return copy.ToJsonString();
        }
    }

    private static string UpperCaseBooleans(JsonObject item)
    {
        static JsonNode? Map(JsonNode? node) => node switch
        {
            JsonObject map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, Map(p.Value)))),
            JsonArray list => new JsonArray([.. list.Select(Map)]),
            JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>() ? "TRUE" : "FALSE",
            _ => node?.DeepClone(),
        };

        return Map(item)!.ToJsonString();
    }

    /// <summary>
    /// What a Config rule receives: <c>configuration</c> and each supplementary configuration as objects (the API form
    /// holds them as JSON strings), and tags as a map.
    /// </summary>
    private static JsonObject NotificationForm(JsonObject item)
    {
        var copy = item.DeepClone().AsObject();
        if (copy["configuration"] is JsonValue configuration && configuration.GetValueKind() == JsonValueKind.String)
        {
            copy["configuration"] = JsonNode.Parse(configuration.GetValue<string>());
        }

        if (copy["supplementaryConfiguration"] is JsonObject supplementary)
        {
            foreach (var name in supplementary.Select(p => p.Key).ToList())
            {
                if (supplementary[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().TrimStart() is ['{' or '[', ..] text)
                {
                    supplementary[name] = JsonNode.Parse(text);
                }
            }
        }

        if (copy["tags"] is JsonArray list)
        {
            copy["tags"] = new JsonObject(list.OfType<JsonObject>().Select(t => KeyValuePair.Create(t["key"]!.GetValue<string>(), (JsonNode?)t["value"]?.DeepClone())));
        }

        return copy;
    }
}
