using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Inputs.Config;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Compiler.Emit.Config;

/// <summary>
/// How one rule decides the configuration items of one resource type. Every combination of the type's dimensions
/// (and the rule's Region or tag dimension) gets a sample item, which the real input reader and evaluator decide, so
/// the Guard rule says exactly what <c>sec08 eval</c> says about that one item. Combinations that differ in one
/// dimension only and agree are merged. Unknown and not-applicable cases get no Guard block: Config reports them
/// NOT_APPLICABLE, and <c>sec08 eval</c> decides them with the rest of the inventory.
/// </summary>
internal sealed record DecisionTable(ConfigItemShape Shape, ImmutableArray<ItemDimension> Dimensions, ImmutableArray<DecisionCase> Cases)
{
    public string AwsType => Shape.AwsType;

    public IEnumerable<DecisionCase> Decided => Cases.Where(c => c.Verdict is Verdict.Pass or Verdict.Fail);

    public IEnumerable<DecisionCase> Undecided => Cases.Where(c => c.Verdict == Verdict.Unknown);

    public static DecisionTable Build(PolicySet policy, CompiledRule rule, ConfigItemShape shape)
    {
        // A key named by the clause, also for its copies: items naming its alias are a dimension of their own.
        var named = Atoms(rule.Check)
            .Select(a => a switch { NamedKeyPredicate n => n, CopiesEncryptedPredicate { Key: { } k } => k, _ => null })
            .Select(n => n?.Alias)
            .FirstOrDefault(a => a is not null);
        var dimensions = shape.Dimensions(named).ToBuilder();
        foreach (var atom in Atoms(rule.Check))
        {
            switch (atom)
            {
                case RegionPredicate region:
                    dimensions.Add(Config.Dimensions.Region(region.Regions));
                    break;
                case TagsPresentPredicate tags:
                    dimensions.Add(Config.Dimensions.Tags(tags.Keys, policy.Classification?.TagKey));
                    break;
            }
        }

        var evaluator = new Evaluator(policy with { Keys = [], Rules = [rule], AccessRules = [], Waivers = [] }, new EvaluationOptions(DateOnly.MinValue));
        var cases = new List<DecisionCase>();
        foreach (var choice in Product(dimensions.Select(d => d.Alternatives.Length).ToArray()))
        {
            var item = SampleItem(shape.AwsType, policy, rule);
            shape.Selector.Apply(item);
            for (var d = 0; d < dimensions.Count; d++)
            {
                dimensions[d].Alternatives[choice[d]].Apply(item);
            }

            cases.Add(new DecisionCase([.. choice], Decide(evaluator, item, shape.Entry.Type), item.ToJsonString()));
        }

        var all = dimensions.ToImmutable();
        return new DecisionTable(shape, all, Merge(all, cases));
    }

    /// <summary>The Guard clauses of a case: those of every dimension it depends on.</summary>
    public IEnumerable<string> Clauses(DecisionCase decision) =>
        decision.Choice.Select((alternative, d) => alternative < 0 ? [] : Dimensions[d].Alternatives[alternative].Clauses).SelectMany(c => c);

    public string Describe(DecisionCase decision)
    {
        var parts = decision.Choice.Select((alternative, d) => alternative < 0 ? null : Dimensions[d].Alternatives[alternative].Label).OfType<string>().ToList();
        return parts.Count == 0 ? "every item" : string.Join(", ", parts);
    }

    /// <summary>A configuration item in its notification form, in the rule's scope: classified at the rule's first level.</summary>
    private static JsonObject SampleItem(string awsType, PolicySet policy, CompiledRule rule)
    {
        var tags = new JsonObject();
        if (rule.Levels is { } levels && policy.Classification is { } scheme)
        {
            tags[scheme.TagKey] = levels.Levels[0];
        }

        return new JsonObject
        {
            ["configurationItemVersion"] = "1.3",
            ["configurationItemStatus"] = "OK",
            ["resourceType"] = awsType,
            ["resourceId"] = "sample",
            ["ARN"] = $"arn:aws:config:eu-west-1:111122223333:sample/{awsType}",
            ["awsAccountId"] = "111122223333",
            ["awsRegion"] = "eu-west-1",
            ["tags"] = tags,
            ["configuration"] = new JsonObject(),
            ["supplementaryConfiguration"] = new JsonObject(),
        };
    }

    private static Verdict Decide(Evaluator evaluator, JsonObject item, string type)
    {
        var node = (MappingNode)JsonTreeReader.Parse(Encoding.UTF8.GetBytes(item.ToJsonString()), "sample.json");
        var resource = ConfigItemAdapter.Read(node) ?? throw new InvalidOperationException("a sample configuration item was read as deleted");
        if (resource.Type != type)
        {
            throw new InvalidOperationException($"a sample item of {type} was read as {resource.Type}");
        }

        var result = evaluator.Evaluate([resource]);
        return result.Findings.IsEmpty ? Verdict.NotApplicable : result.Findings[0].Verdict;
    }

    /// <summary>Merges cases that differ in one dimension only, cover all its alternatives and share a verdict.</summary>
    private static ImmutableArray<DecisionCase> Merge(ImmutableArray<ItemDimension> dimensions, List<DecisionCase> cases)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            for (var d = 0; d < dimensions.Length; d++)
            {
                var merged = new List<DecisionCase>();
                foreach (var group in cases.GroupBy(c => (Key: string.Join(',', c.Choice.Select((a, i) => i == d ? "*" : a.ToString())), c.Verdict)))
                {
                    var members = group.ToList();
                    var covers = members.Select(m => m.Choice[d]).Where(a => a >= 0).Distinct().Count() == dimensions[d].Alternatives.Length;
                    if (members.Count > 1 && covers)
                    {
                        merged.Add(members[0] with { Choice = members[0].Choice.SetItem(d, -1) });
                        changed = true;
                    }
                    else
                    {
                        merged.AddRange(members);
                    }
                }

                cases = merged;
            }
        }

        return [.. cases];
    }

    private static IEnumerable<int[]> Product(int[] sizes)
    {
        var current = new int[sizes.Length];
        if (sizes.Any(s => s == 0))
        {
            yield break;
        }

        while (true)
        {
            yield return (int[])current.Clone();
            var d = sizes.Length - 1;
            while (d >= 0 && ++current[d] == sizes[d])
            {
                current[d] = 0;
                d--;
            }

            if (d < 0)
            {
                yield break;
            }
        }
    }

    private static IEnumerable<Predicate> Atoms(Predicate predicate) => predicate switch
    {
        AndPredicate and => and.Operands.SelectMany(Atoms),
        _ => [predicate],
    };
}

/// <summary>One case of a decision table: the alternative taken in each dimension (-1: any), the verdict, and its sample item.</summary>
internal sealed record DecisionCase(ImmutableArray<int> Choice, Verdict Verdict, string Sample);
