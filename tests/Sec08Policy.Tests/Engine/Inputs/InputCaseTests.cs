using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Engine.Inputs;

/// <summary>
/// Each awkward or malformed input under Cases/inputs/malformed goes through `sec08 inspect`: malformed files exit 3
/// with file, line and column and print nothing on standard output; readable ones list their resources. Golden
/// files hold the exact output.
/// </summary>
public class InputCaseTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Cases, "inputs", "malformed"))
            .Where(p => !p.EndsWith(".md", StringComparison.Ordinal) && !p.EndsWith(".txt", StringComparison.Ordinal) && !Path.GetFileName(p).StartsWith("LICENSE", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => new TestCaseData(Path.GetFileName(p)).SetName("Inspect_" + Path.GetFileName(p)));

    [TestCaseSource(nameof(Cases))]
    public void Inspect_Input_ExitsAsExpectedWithAPosition(string file)
    {
        var path = $"tests/Sec08Policy.Tests/Cases/inputs/malformed/{file}";

        var run = CliRunner.Invoke("inspect", path);

        Assert.That(run.ExitCode, Is.AnyOf(0, 3), run.Error);
        if (run.ExitCode == 3)
        {
            Assert.That(run.Out, Is.Empty, "nothing partial is printed");
            Assert.That(run.Error, Does.Match(@"^\S+\(\d+,\d+\): error: "));
        }

        Golden.AssertMatches(Path.Combine(RepoPaths.Cases, "inputs", "malformed", file + ".inspect.txt"), $"exit {run.ExitCode}\n{run.Error}{run.Out}");
    }

    [Test]
    public void Inspect_RealTerraformPlans_AllLoad()
    {
        var corpus = Path.Combine(RepoPaths.Root, "..", "shared", "corpus", "terraform-plans-checkov");
        if (!Directory.Exists(corpus))
        {
            Assert.Ignore("the shared corpus is not beside the repository");
        }

        foreach (var plan in Directory.EnumerateFiles(corpus, "*.json", SearchOption.AllDirectories))
        {
            var file = Sec08Policy.Engine.Inputs.InputLoader.Load(plan);
            Assert.That(file.Kind, Is.EqualTo(Sec08Policy.Engine.Inputs.InputKind.TerraformPlan), plan);
        }
    }
}
