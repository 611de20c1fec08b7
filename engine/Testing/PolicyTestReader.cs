using System.Collections.Immutable;
using System.Globalization;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Inputs.Config;
using Sec08Policy.Engine.Inputs.Inventory;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Testing;

/// <summary>
/// Reads a policy test file (docs/testing.md) into cases, checking every name against the policy under test. Any
/// problem throws <see cref="InputException"/> at the key or value that is wrong, so nothing runs from a file that
/// does not say what its author meant.
/// </summary>
public static class PolicyTestReader
{
    public const string FileSuffix = ".test.yaml";

    public const string AlternateFileSuffix = ".test.yml";

    private static readonly string[] s_fileKeys = ["policy", "date", "cases"];
    private static readonly string[] s_forms = ["cloudformation", "terraform", "config", "inventory", "file"];
    private static readonly string[] s_caseKeys = ["name", "date", .. s_forms, "access", "expect"];
    private static readonly string[] s_accessKeys = ["principal", "principal_tags", "action", "resource", "resource_tags", "request_tags", "context", "time"];

    private static readonly (string Word, Verdict Verdict)[] s_verdicts =
    [
        ("pass", Verdict.Pass), ("fail", Verdict.Fail), ("unknown", Verdict.Unknown), ("waived", Verdict.Waived), ("not-applicable", Verdict.NotApplicable),
    ];

    public static bool IsTestFile(string path) =>
        path.EndsWith(FileSuffix, StringComparison.Ordinal) || path.EndsWith(AlternateFileSuffix, StringComparison.Ordinal);

    /// <summary>
    /// The policy files or folders the test file names in <c>policy</c>, resolved against its folder. Without
    /// <c>policy</c>: the file's folder, or its parent when that folder is named <c>tests</c>.
    /// </summary>
    public static ImmutableArray<string> PolicyPaths(TestDocument document)
    {
        CheckKeys(document, document.Root, s_fileKeys, "a test file");
        var folder = System.IO.Path.GetDirectoryName(document.Path) is { Length: > 0 } f ? f : ".";
        if (document.Root.Get("policy") is not { } policy)
        {
            var fallback = System.IO.Path.GetFileName(System.IO.Path.GetFullPath(folder)) == "tests" ? System.IO.Path.Combine(folder, "..") : folder;
            return [Normalize(fallback)];
        }

        return [.. Strings(document, policy, "`policy`").Select(p => Normalize(System.IO.Path.Combine(folder, p)))];
    }

    /// <summary>Reads the cases; <paramref name="today"/> is the date of cases and files that fix none.</summary>
    public static PolicyTestFile Read(TestDocument document, PolicySet policy, DateOnly today)
    {
        var paths = PolicyPaths(document);
        var fileDate = document.Root.Get("date") is { } date ? Date(document, date) : today;
        if (document.Root.Get("cases") is not SequenceNode { Items.Length: > 0 } cases)
        {
            throw Problem(document, document.Root.Get("cases") ?? document.Root, "a test file needs `cases`, a list of at least one case");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var read = ImmutableArray.CreateBuilder<TestCase>();
        foreach (var node in cases.Items)
        {
            var testCase = ReadCase(document, node, policy, fileDate);
            if (!names.Add(testCase.Name))
            {
                throw Problem(document, ((MappingNode)node).Get("name")!, $"another case is already named `{testCase.Name}`");
            }

            read.Add(testCase);
        }

        return new PolicyTestFile(document.Path, paths, read.ToImmutable());
    }

    private static TestCase ReadCase(TestDocument document, InputNode node, PolicySet policy, DateOnly fileDate)
    {
        if (node is not MappingNode map)
        {
            throw Problem(document, node, "a case is a mapping with `name`, the resources or `access`, and `expect`");
        }

        CheckKeys(document, map, s_caseKeys, "a case");
        var name = map.Get("name") is { } nameNode ? Text(document, nameNode, "`name`") : throw Problem(document, map, "a case needs a `name`");
        var date = map.Get("date") is { } dateNode ? Date(document, dateNode) : fileDate;
        var expect = map.Get("expect") ?? throw Problem(document, map, $"case `{name}` needs `expect`");
        var forms = s_forms.Where(f => map.Get(f) is not null).ToList();
        if (map.Get("access") is { } access)
        {
            if (forms.Count > 0)
            {
                throw Problem(document, map.Get(forms[0])!, $"case `{name}` has an access request; resources belong in a case of their own");
            }

            return new AccessTestCase(name, map.Position, date, AccessRequest(document, access), AccessExpectation(document, expect, policy));
        }

        if (forms.Count == 0)
        {
            throw Problem(document, map, $"case `{name}` needs resources (`cloudformation`, `terraform`, `config`, `inventory` or `file`) or an `access` request");
        }

        var resources = forms.SelectMany(f => Resources(document, f, map.Get(f)!)).ToList();
        var duplicate = resources.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Problem(document, duplicate.Last().Position, $"two resources of case `{name}` are named `{duplicate.Key}`");
        }

        var linked = InputSetResolver.Resolve(resources);
        return new ResourceTestCase(name, map.Position, date, [.. linked], Expectations(document, expect, policy, linked));
    }

    private static List<Resource> Resources(TestDocument document, string form, InputNode node)
    {
        var resources = form switch
        {
            "cloudformation" => CloudFormation(document, node),
            "terraform" => Terraform(document, node),
            "config" => Config(document, node),
            "inventory" => Inventory(document, node),
            _ => Files(document, node),
        };

        // Inline resources must be of a type sec08 checks: a misspelt type would make every expectation not-applicable.
        if (form != "file")
        {
            foreach (var resource in resources.Where(r => r.Kind == ResourceKind.Unsupported))
            {
                throw Problem(document, resource.Position, $"resource `{resource.Id}` is of type `{resource.Type}`, which sec08 does not check");
            }
        }

        return resources;
    }

    private static List<Resource> CloudFormation(TestDocument document, InputNode node)
    {
        if (node is not MappingNode map)
        {
            throw Problem(document, node, "`cloudformation` is a template, or the resources of one by logical ID");
        }

        var template = map.Get("Resources") is MappingNode ? map : new MappingNode([new("Resources", map)], map.Position);
        return [.. Inputs.CloudFormation.CloudFormationAdapter.Read(template)];
    }

    private static List<Resource> Terraform(TestDocument document, InputNode node)
    {
        if (node is MappingNode { } plan && plan.Get("format_version") is not null)
        {
            return [.. Inputs.Terraform.TerraformPlanAdapter.Read(plan)];
        }

        var entries = node switch
        {
            SequenceNode list => list.Items,
            MappingNode single => [single],
            _ => throw Problem(document, node, "`terraform` is a plan, or entries of its `resource_changes`"),
        };
        var changes = ImmutableArray.CreateBuilder<InputNode>();
        foreach (var entry in entries)
        {
            if (entry is not MappingNode change || change.Get("type") is not ScalarNode || change.Get("address") is not ScalarNode)
            {
                throw Problem(document, entry, "a Terraform resource change needs `address`, `type` and `change.after`");
            }

            changes.Add(WithCreate(change));
        }

        var wrapped = new MappingNode(
            [new("format_version", new ScalarNode("1.2", ScalarKind.String, node.Position)), new("resource_changes", new SequenceNode(changes.ToImmutable(), node.Position))],
            node.Position);
        return [.. Inputs.Terraform.TerraformPlanAdapter.Read(wrapped)];
    }

    /// <summary>A resource change without <c>change.actions</c> is one the plan creates.</summary>
    private static MappingNode WithCreate(MappingNode change)
    {
        if (change.Get("change") is not MappingNode body || body.Get("actions") is not null)
        {
            return change;
        }

        var actions = new SequenceNode([new ScalarNode("create", ScalarKind.String, body.Position)], body.Position);
        var newBody = body with { Entries = body.Entries.Add(new("actions", actions)) };
        return change with { Entries = [.. change.Entries.Select(e => e.Key == "change" ? new KeyValuePair<string, InputNode>("change", newBody) : e)] };
    }

    private static List<Resource> Config(TestDocument document, InputNode node)
    {
        var items = node switch
        {
            SequenceNode list => list.Items,
            MappingNode single => [single],
            _ => throw Problem(document, node, "`config` is a configuration item, or a list of them"),
        };
        var resources = new List<Resource>();
        foreach (var item in items)
        {
            if (item is not MappingNode map || !ConfigItemAdapter.IsItem(map))
            {
                throw Problem(document, item, "expected an AWS Config configuration item (a mapping with `resourceType`)");
            }

            resources.Add(ConfigItemAdapter.Read(map) ?? throw Problem(document, item, "the item records a deleted or unrecorded resource, so there is nothing to test"));
        }

        return resources;
    }

    private static List<Resource> Inventory(TestDocument document, InputNode node)
    {
        if (node is MappingNode inventory && InventoryAdapter.Accepts(inventory))
        {
            return [.. InventoryAdapter.Read(inventory)];
        }

        var items = node switch
        {
            SequenceNode list => list,
            MappingNode single => new SequenceNode([single], single.Position),
            _ => throw Problem(document, node, "`inventory` is an inventory, or resources of one"),
        };
        var wrapped = new MappingNode(
            [new("format", new ScalarNode(InventoryFormat.Name, ScalarKind.String, node.Position)), new("resources", items)],
            node.Position);
        return [.. InventoryAdapter.Read(wrapped)];
    }

    private static List<Resource> Files(TestDocument document, InputNode node)
    {
        var folder = System.IO.Path.GetDirectoryName(document.Path) is { Length: > 0 } f ? f : ".";
        var resources = new List<Resource>();
        foreach (var path in Strings(document, node, "`file`"))
        {
            var full = System.IO.Path.Combine(folder, path);
            if (!File.Exists(full))
            {
                throw Problem(document, node, $"input file `{path}` does not exist (paths are relative to the test file)");
            }

            resources.AddRange(InputLoader.Load(full).Resources);
        }

        return resources;
    }

    private static ImmutableArray<VerdictExpectation> Expectations(TestDocument document, InputNode node, PolicySet policy, List<Resource> resources)
    {
        if (node is not MappingNode map || map.Entries.IsEmpty)
        {
            throw Problem(document, node, "`expect` maps rules (such as `encryption_at_rest.1`) to verdicts, or resources to such mappings");
        }

        var rules = policy.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var expectations = ImmutableArray.CreateBuilder<VerdictExpectation>();
        foreach (var (key, value) in map.Entries)
        {
            if (rules.Contains(key))
            {
                expectations.Add(ExpectedVerdict(document, key, null, value, policy));
            }
            else if (resources.Any(r => r.Id == key))
            {
                if (value is not MappingNode perResource || perResource.Entries.IsEmpty)
                {
                    throw Problem(document, value, $"the expectations for resource `{key}` map its rules to verdicts");
                }

                foreach (var (rule, verdict) in perResource.Entries)
                {
                    if (!rules.Contains(rule))
                    {
                        throw UnknownRule(document, verdict, rule, policy);
                    }

                    expectations.Add(ExpectedVerdict(document, rule, key, verdict, policy));
                }
            }
            else
            {
                throw UnknownRule(document, value, key, policy, $", and no resource of the case is named `{key}`");
            }
        }

        return expectations.ToImmutable();
    }

    private static InputException UnknownRule(TestDocument document, InputNode value, string name, PolicySet policy, string more = "")
    {
        var clauses = policy.Rules.Where(r => r.Requirement == name).Select(r => $"`{r.Id}`").ToList();
        var hint = clauses.Count > 0 ? $"; `{name}` is a requirement: name one of its rules, {string.Join(", ", clauses)}" : more;
        return Problem(document, document.KeyOf(value), $"the policy has no rule `{name}`{hint}");
    }

    private static VerdictExpectation ExpectedVerdict(TestDocument document, string rule, string? resource, InputNode node, PolicySet policy)
    {
        var at = document.KeyOf(node);
        switch (node)
        {
            case ScalarNode scalar:
                return new VerdictExpectation(rule, resource, VerdictWord(document, scalar), null, null, at);
            case MappingNode map:
                {
                    CheckKeys(document, map, ["verdict", "reason", "waiver"], "an expected verdict");
                    var verdictNode = map.Get("verdict") as ScalarNode ?? throw Problem(document, map, "an expected verdict needs `verdict`");
                    var verdict = VerdictWord(document, verdictNode);
                    var reason = map.Get("reason") is { } r ? Text(document, r, "`reason`") : null;
                    var waiver = map.Get("waiver") is { } w ? Text(document, w, "`waiver`") : null;
                    if (reason is not null && verdict is not (Verdict.Fail or Verdict.Unknown or Verdict.Waived))
                    {
                        throw Problem(document, map.Get("reason")!, "only a fail, unknown or waived verdict has a reason");
                    }

                    if (waiver is not null && !policy.Waivers.Any(x => x.Name == waiver))
                    {
                        throw Problem(document, map.Get("waiver")!, $"the policy has no waiver `{waiver}`");
                    }

                    return new VerdictExpectation(rule, resource, verdict, reason, waiver, at);
                }

            default:
                throw Problem(document, node, "a verdict is a word (pass, fail, unknown, waived, not-applicable) or a mapping with `verdict`, `reason` and `waiver`");
        }
    }

    private static Verdict VerdictWord(TestDocument document, ScalarNode node)
    {
        foreach (var (word, verdict) in s_verdicts)
        {
            if (node.Text == word)
            {
                return verdict;
            }
        }

        throw Problem(document, node, $"`{node.Text}` is not a verdict; expected pass, fail, unknown, waived or not-applicable");
    }

    private static AccessTestRequest AccessRequest(TestDocument document, InputNode node)
    {
        if (node is not MappingNode map)
        {
            throw Problem(document, node, "`access` is a mapping with `principal`, `action` and `resource`");
        }

        CheckKeys(document, map, s_accessKeys, "an access request");
        string Required(string key) => map.Get(key) is { } value ? Text(document, value, $"`{key}`") : throw Problem(document, map, $"an access request needs `{key}`");
        DateTimeOffset? time = null;
        if (map.Get("time") is { } timeNode)
        {
            var text = Text(document, timeNode, "`time`");
            time = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw Problem(document, timeNode, $"`{text}` is not a time such as `2026-12-01T09:00:00Z`");
        }

        return new AccessTestRequest(
            Required("principal"),
            Tags(document, map.Get("principal_tags"), "`principal_tags`"),
            Required("action"),
            Required("resource"),
            Tags(document, map.Get("resource_tags"), "`resource_tags`"),
            Tags(document, map.Get("request_tags"), "`request_tags`"),
            Tags(document, map.Get("context"), "`context`"),
            time);
    }

    private static AccessExpectation AccessExpectation(TestDocument document, InputNode node, PolicySet policy)
    {
        var at = document.KeyOf(node);
        var (decisionNode, ruleNode) = node switch
        {
            ScalarNode scalar => (scalar, null),
            MappingNode map => (map.Get("decision") ?? throw Problem(document, map, "an expected decision needs `decision`"), map.Get("rule")),
            _ => throw Problem(document, node, "an access case expects `allow` or `deny`, or a mapping with `decision` and `rule`"),
        };
        if (node is MappingNode keys)
        {
            CheckKeys(document, keys, ["decision", "rule"], "an expected decision");
        }

        var decision = Text(document, decisionNode, "`decision`");
        if (decision is not ("allow" or "deny"))
        {
            throw Problem(document, decisionNode, $"`{decision}` is not a decision; expected allow or deny");
        }

        var rule = ruleNode is null ? null : Text(document, ruleNode, "`rule`");
        // A perimeter's statements are named PERIMETER.identity, PERIMETER.resource and PERIMETER.network.
        if (rule is not null && !policy.AccessRules.Any(r => r.Name == rule) && !policy.Perimeters.SelectMany(p => p.Statements).Any(s => s.Id == rule))
        {
            throw Problem(document, ruleNode!, $"the policy has no access rule or perimeter statement `{rule}`");
        }

        return new AccessExpectation(decision, rule, at);
    }

    private static ImmutableSortedDictionary<string, string> Tags(TestDocument document, InputNode? node, string what)
    {
        if (node is null)
        {
            return ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        }

        if (node is not MappingNode map)
        {
            throw Problem(document, node, $"{what} maps names to values");
        }

        return map.Entries.ToImmutableSortedDictionary(e => e.Key, e => Text(document, e.Value, $"`{e.Key}`"), StringComparer.Ordinal);
    }

    private static void CheckKeys(TestDocument document, MappingNode map, string[] allowed, string what)
    {
        foreach (var (key, value) in map.Entries)
        {
            if (!allowed.Contains(key))
            {
                throw Problem(document, document.KeyOf(value), $"`{key}` is not a key of {what}; expected {string.Join(", ", allowed.Select(a => $"`{a}`"))}");
            }
        }
    }

    private static DateOnly Date(TestDocument document, InputNode node)
    {
        var text = Text(document, node, "`date`");
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Problem(document, node, $"`{text}` is not a date such as `2026-11-28`");
    }

    private static string Text(TestDocument document, InputNode node, string what) =>
        node is ScalarNode { Text: { Length: > 0 } text, Kind: not ScalarKind.Null } ? text : throw Problem(document, node, $"{what} must be a text value");

    private static IEnumerable<string> Strings(TestDocument document, InputNode node, string what) => node switch
    {
        SequenceNode list when list.Items.Length > 0 => [.. list.Items.Select(i => Text(document, i, what))],
        ScalarNode => [Text(document, node, what)],
        _ => throw Problem(document, node, $"{what} is a path or a list of paths"),
    };

    private static string Normalize(string path) => System.IO.Path.GetRelativePath(Environment.CurrentDirectory, System.IO.Path.GetFullPath(path)).Replace('\\', '/') is var relative && relative.StartsWith("..", StringComparison.Ordinal)
        ? System.IO.Path.GetFullPath(path).Replace('\\', '/')
        : relative;

    private static InputException Problem(TestDocument document, InputNode node, string message) => Problem(document, node.Position, message);

    /// <summary>A problem at a position: in the test file, or in an input file a case names.</summary>
    private static InputException Problem(TestDocument document, SourcePosition at, string message) =>
        new(at.File.Length > 0 ? at.File : document.Path, at.Line, at.Column, message);
}
