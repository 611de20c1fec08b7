using System.Text.Json.Nodes;
using System.Xml.Linq;
using Json.Schema;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Evaluation;

/// <summary>`sec08 eval` on the bundled example, through the CLI in-process, in every format.</summary>
public class EvalCommandTests
{
    private static readonly string[] s_example = ["eval", "--policy", "policies", "--input", "examples"];

    // A schema with an $id registers globally; build it once.
    private static readonly Lazy<JsonSchema> s_sarifSchema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "Sec08Policy.Tests", "Schemas", "sarif-schema-2.1.0.json"))));

    /// <summary>Asserts that a SARIF log is valid against the SARIF 2.1.0 schema.</summary>
    internal static void AssertValidSarif(JsonNode sarif)
    {
        using var document = System.Text.Json.JsonDocument.Parse(sarif.ToJsonString());
        var result = s_sarifSchema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.That(result.IsValid, Is.True, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation} {d.EvaluationPath}: {string.Join("; ", d.Errors!.Values)}").Where(e => !e.Contains("anyOf", StringComparison.Ordinal)).Take(15)));
    }

    public static IEnumerable<TestCaseData> Formats() =>
        new[] { ("text", "txt"), ("json", "json"), ("sarif", "sarif"), ("junit", "xml"), ("markdown", "md"), ("json-v1", "v1.json") }
            .Select(f => new TestCaseData(f.Item1, f.Item2).SetName("Eval_Example_" + f.Item1.Replace("-", "_", StringComparison.Ordinal)));

    [TestCaseSource(nameof(Formats))]
    public void Eval_Example_MatchesGolden(string format, string extension)
    {
        var run = CliRunner.Invoke([.. s_example, "--format", format]);

        Assert.That(run.ExitCode, Is.EqualTo(1), "the example has failures");
        Assert.That(run.Error, Is.Empty);
        Golden.AssertMatches(Path.Combine(RepoPaths.Cases, "eval", $"example.{extension}"), run.Out);
    }

    [Test]
    public void Eval_WithRulesJson_ReportsExactlyAsWithThePolicy()
    {
        var rules = Path.Combine("tests", "Sec08Policy.Tests", "Cases", "build", "baseline.expected", "rules.json");

        var run = CliRunner.Invoke("eval", "--rules", rules, "--input", "examples", "--format", "json");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Error);
        Assert.That(run.Out, Is.EqualTo(CliRunner.Invoke([.. s_example, "--format", "json"]).Out));
    }

    [Test]
    public void Eval_MalformedRulesJson_ExitsThreeAtTheLineAndColumn()
    {
        using var temp = new TempFolder();
        var rules = temp.Combine("rules.json");
        File.WriteAllText(rules, "{\n  \"format\": \"sec08-rules/2\",\n  \"policy\": 3\n}\n");

        var run = CliRunner.Invoke("eval", "--rules", rules, "--input", "examples");

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Is.EqualTo($"{rules}(3,13): error: `policy` must be a string or null\n"));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public void Eval_PolicyAndRulesTogether_IsAUsageError()
    {
        var run = CliRunner.Invoke("eval", "--policy", "policies", "--rules", "rules.json", "--input", "examples");

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("give either `--policy PATH...` or `--rules FILE`"));
    }

    [Test]
    public void Eval_SeveralFormatsInOneRun_WriteEachFile()
    {
        using var temp = new TempFolder();

        var run = CliRunner.Invoke([.. s_example, "--format", "sarif", "-o", temp.Combine("r.sarif"), "--format", "junit", "-o", temp.Combine("r.xml"), "--format", "markdown"]);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(File.ReadAllText(temp.Combine("r.sarif")), Is.EqualTo(CliRunner.Invoke([.. s_example, "--format", "sarif"]).Out));
        Assert.That(File.ReadAllText(temp.Combine("r.xml")), Is.EqualTo(CliRunner.Invoke([.. s_example, "--format", "junit"]).Out));
        Assert.That(run.Out, Does.StartWith("## sec08:"), "the format without a file goes to standard output");
    }

    [Test]
    public void Eval_Sarif_IsValidAgainstTheSarif210Schema()
    {
        var sarif = JsonNode.Parse(CliRunner.Invoke([.. s_example, "--format", "sarif"]).Out);

        AssertValidSarif(sarif!);
        var results = sarif!["runs"]![0]!["results"]!.AsArray();
        Assert.That(results, Is.Not.Empty);
        var located = results.First(r => r!["ruleId"]!.GetValue<string>() == "encryption_at_rest.1")!;
        var region = located["locations"]![0]!["physicalLocation"]!["region"]!;
        Assert.That(region["startLine"]!.GetValue<int>(), Is.GreaterThan(1), "the result points at the resource's line");
    }

    [Test]
    public void Eval_Junit_HasOneCaseForEachApplicablePairWithUnknownSkipped()
    {
        var xml = XDocument.Parse(CliRunner.Invoke([.. s_example, "--format", "junit"]).Out);
        var json = JsonNode.Parse(CliRunner.Invoke([.. s_example, "--format", "json"]).Out)!["summary"]!;
        // The findings' suites; the compliance suites (a case per framework control) come after them.
        var root = new XElement("findings", xml.Root!.Elements("testsuite").Where(s => !s.Attribute("name")!.Value.StartsWith("compliance: ", StringComparison.Ordinal)));
        Assert.That(xml.Root!.Attribute("tests")!.Value, Is.EqualTo(root.Descendants("testcase").Count().ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.That(root.Descendants("testcase").Count(), Is.EqualTo(json["pass"]!.GetValue<int>() + json["fail"]!.GetValue<int>() + json["unknown"]!.GetValue<int>() + json["waived"]!.GetValue<int>()));
        Assert.That(root.Descendants("failure").Count(), Is.EqualTo(json["fail"]!.GetValue<int>()));
        Assert.That(root.Descendants("skipped").Count(), Is.EqualTo(json["unknown"]!.GetValue<int>() + json["waived"]!.GetValue<int>()));
    }

    [TestCase("none", 0)]
    [TestCase("critical", 1)]
    [TestCase("info", 1)]
    public void Eval_FailOn_GatesTheExitCode(string threshold, int expected)
    {
        Assert.That(CliRunner.Invoke([.. s_example, "--fail-on", threshold, "--format", "json"]).ExitCode, Is.EqualTo(expected));
    }

    [Test]
    public void Eval_FailOnUnknown_CountsUnknownsToo()
    {
        var input = "tests/Sec08Policy.Tests/Cases/inputs/malformed/cfn-unresolvable.yaml";

        var plain = CliRunner.Invoke("eval", "--policy", "policies", "--input", input, "--fail-on", "none");
        var strict = CliRunner.Invoke("eval", "--policy", "policies", "--input", input, "--fail-on", "none", "--fail-on-unknown");

        Assert.That((plain.ExitCode, strict.ExitCode), Is.EqualTo((0, 1)));
    }

    [Test]
    public void Eval_OutputThatCannotBeWritten_ExitsThreeAndLeavesNoFile()
    {
        using var temp = new TempFolder();
        var target = temp.Combine("missing-folder", "report.sarif");

        var run = CliRunner.Invoke([.. s_example, "--format", "sarif", "-o", target]);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("cannot write"));
        Assert.That(Directory.GetFileSystemEntries(temp.Path), Is.Empty);
    }

    [Test]
    public void Eval_PolicyWithErrors_ExitsTwo()
    {
        var run = CliRunner.Invoke("eval", "--policy", "tests/Sec08Policy.Tests/Cases/binding/SP2003-unknown-level.sec08", "--input", "examples");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("error SP2003"));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public void Eval_PolicyWithErrorsAndMalformedInputs_ReportsOnlyThePolicy()
    {
        // The inputs are read while the policy compiles; their problems must not show when the policy fails.
        var run = CliRunner.Invoke(
            "eval", "--policy", "tests/Sec08Policy.Tests/Cases/binding/SP2003-unknown-level.sec08",
            "--input", "tests/Sec08Policy.Tests/Cases/inputs/malformed/truncated.json", "no-such-input.json");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("error SP2003"));
        Assert.That(run.Error, Does.Not.Contain("truncated.json").And.Not.Contain("no-such-input"));
    }

    [Test]
    public void Eval_MissingAndMalformedInputs_ReportsBothInOrder()
    {
        var run = CliRunner.Invoke("eval", "--policy", "policies", "--input", "no-such-input.json", "tests/Sec08Policy.Tests/Cases/inputs/malformed/truncated.json");

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Match(@"(?s)sec08: error: .*no-such-input\.json.*truncated\.json\(1549,\d+\): error: malformed JSON"));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public void Eval_MalformedInput_ExitsThreeWithAPosition()
    {
        var run = CliRunner.Invoke("eval", "--policy", "policies", "--input", "tests/Sec08Policy.Tests/Cases/inputs/malformed/truncated.json");

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Match(@"truncated\.json\(1549,\d+\): error: malformed JSON"));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public void Eval_MoreOutputsThanFormats_IsAUsageError()
    {
        var run = CliRunner.Invoke([.. s_example, "--format", "json", "-o", "a.json", "-o", "b.json"]);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(File.Exists(Path.Combine(RepoPaths.Root, "a.json")), Is.False);
    }
}
