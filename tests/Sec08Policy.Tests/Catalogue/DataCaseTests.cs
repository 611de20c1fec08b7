using Sec08Policy.Compiler;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Resources;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Catalogue;

/// <summary>
/// Copies and retention per input form: Cases/data/copies and Cases/data/retention hold, in each form that shows them,
/// resources whose names end in Compliant (every finding passes), NonCompliant (one fails) and Unknown (one is Unknown,
/// none fails), evaluated against Cases/data/policy.sec08; each folder's report matches its golden file.
/// </summary>
public class DataCaseTests
{
    private static readonly string s_root = Path.Combine(RepoPaths.Cases, "data");
    private static readonly Lazy<PolicySet> s_policy = new(() =>
        Compilation.Create([SyntaxTree.Parse(File.ReadAllText(Path.Combine(s_root, "policy.sec08")), "policy.sec08")], TestPolicies.Options).Lower()!);

    public static IEnumerable<TestCaseData> Files() =>
        from folder in new[] { "copies", "retention" }
        from file in new[] { "cloudformation.yaml", "terraform.json", "config.json", "inventory.json" }
        select new TestCaseData(folder, file).SetName($"Data_{folder}_{Path.GetFileNameWithoutExtension(file)}");

    [TestCaseSource(nameof(Files))]
    public void Data_Form_DecidesEachCaseAsItsNameSays(string folder, string file)
    {
        var input = InputLoader.Load(Path.Combine(s_root, folder, file));
        var result = new Evaluator(s_policy.Value, new EvaluationOptions(CliRunner.Today)).Evaluate(input.Resources);
        var cases = input.Resources.Where(r => r.Kind == ResourceKind.DataStore).ToList();
        Assert.That(cases.Select(Case), Is.SupersetOf(new[] { "compliant", "noncompliant" }).Or.SupersetOf(new[] { "compliant", "unknown" }).Or.SupersetOf(new[] { "noncompliant", "unknown" }), $"{folder}/{file}");

        foreach (var resource in cases)
        {
            var verdicts = result.Findings.Where(f => ReferenceEquals(f.Resource, resource)).Select(f => f.Verdict).ToList();
            var what = $"{folder}/{file} `{resource.Id}`: {string.Join("; ", result.Findings.Where(f => ReferenceEquals(f.Resource, resource)).Select(f => $"{f.Rule.Id} {f.Verdict} {f.Reason}"))}";
            switch (Case(resource))
            {
                case "compliant":
                    Assert.That(verdicts, Is.Not.Empty.And.All.EqualTo(Verdict.Pass), what);
                    break;
                case "noncompliant":
                    Assert.That(verdicts, Has.Some.EqualTo(Verdict.Fail), what);
                    break;
                case "unknown":
                    Assert.That(verdicts, Has.Some.EqualTo(Verdict.Unknown).And.None.EqualTo(Verdict.Fail), what);
                    break;
                default:
                    Assert.Fail($"{what}: the name says no case");
                    break;
            }
        }
    }

    [TestCase("copies")]
    [TestCase("retention")]
    public void Data_Folder_ReportMatchesGolden(string folder)
    {
        var report = CliRunner.Invoke("eval", "--policy", "tests/Sec08Policy.Tests/Cases/data/policy.sec08", "--input", $"tests/Sec08Policy.Tests/Cases/data/{folder}", "--fail-on", "none");

        Assert.That(report.ExitCode, Is.EqualTo(0), report.Error);
        Golden.AssertMatches(Path.Combine(s_root, folder, "report.txt"), report.Out);
    }

    /// <summary>The case a resource stands for, from the end of its name: `ReplicaCompliant`, `aws_backup_plan.compliant`, `recovery-compliant`.</summary>
    private static string Case(Resource resource)
    {
        var name = resource.Id.ToLowerInvariant();
        return name.EndsWith("noncompliant", StringComparison.Ordinal) ? "noncompliant"
            : name.EndsWith("compliant", StringComparison.Ordinal) ? "compliant"
            : name.EndsWith("unknown", StringComparison.Ordinal) ? "unknown"
            : name;
    }
}
