using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Syntax;

/// <summary>
/// Every malformed input under Cases/malformed goes through `check` in-process: no exception may escape (exit 4),
/// every diagnostic names file, line and column, and the output matches the golden file beside the input.
/// </summary>
public class MalformedCorpusTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Cases, "malformed"), "*.sec08")
            .Order(StringComparer.Ordinal)
            .Select(p => new TestCaseData(Path.GetFileName(p)).SetName("Check_Malformed_" + Path.GetFileNameWithoutExtension(p)));

    [Test]
    public void Corpus_HasAtLeastFortyCases() => Assert.That(Cases().Count(), Is.GreaterThanOrEqualTo(40));

    [TestCaseSource(nameof(Cases))]
    public void Check_MalformedInput_ReportsWithoutCrashing(string file)
    {
        var path = $"tests/Sec08Policy.Tests/Cases/malformed/{file}";

        var run = CliRunner.Invoke("check", path);

        Assert.That(run.ExitCode, Is.Not.EqualTo(4), run.Error);
        Assert.That(run.Error, Is.Empty);
        var lines = run.Out.Split('\n').Where(l => l.StartsWith(path, StringComparison.Ordinal)).ToList();
        Assert.That(lines, Is.Not.Empty, "at least one diagnostic");
        Assert.That(lines, Has.All.Match(@"^\S+\(\d+,\d+\): (error|warning|info) SP\d{4}: "));
        var onlyWarnings = lines.All(l => !l.Contains("): error ", StringComparison.Ordinal));
        var unreadable = lines.Exists(l => l.Contains(" SP1004: ", StringComparison.Ordinal));
        Assert.That(run.ExitCode, Is.EqualTo(unreadable ? 3 : onlyWarnings ? 0 : 2));
        Golden.AssertMatches(Path.Combine(RepoPaths.Cases, "malformed", Path.GetFileNameWithoutExtension(file) + ".diagnostics.txt"), run.Out);
    }
}
