using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Emit;

/// <summary>
/// Builds the baseline policy and each focused case under Cases/build through the CLI, and compares every emitted
/// file, and the build's output, with the golden files beside the case.
/// </summary>
public class BuildCaseTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Cases, "build"), "*.sec08")
            .Order(StringComparer.Ordinal)
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .Select(name => new TestCaseData($"tests/Sec08Policy.Tests/Cases/build/{name}.sec08", name).SetName("Build_" + name))
            .Append(new TestCaseData("policies", "baseline").SetName("Build_baseline"));

    [TestCaseSource(nameof(Cases))]
    public void Build_Case_MatchesGoldenFiles(string input, string name)
    {
        using var output = new TempFolder();
        var folder = output.Combine("out");

        var caseFolder = Path.Combine(RepoPaths.Cases, "build");
        var argsFile = Path.Combine(caseFolder, name + ".args");
        var extra = File.Exists(argsFile) ? File.ReadAllText(argsFile).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];

        var run = CliRunner.Invoke(["build", input, "-o", folder, .. extra]);

        Golden.AssertMatches(Path.Combine(caseFolder, name + ".build.txt"), run.Out.Replace(folder, "OUT", StringComparison.Ordinal));
        if (run.ExitCode == 0)
        {
            GoldenFolder.AssertMatches(Path.Combine(caseFolder, name + ".expected"), folder);
        }
        else
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
            Assert.That(Directory.Exists(folder), Is.False, "a failed build writes nothing");
            Assert.That(Directory.Exists(Path.Combine(caseFolder, name + ".expected")), Is.False);
        }
    }
}
