using System.Xml.Linq;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Reporting;

/// <summary>
/// Characters XML 1.0 cannot hold (control characters from an input or a test file) become U+FFFD in JUnit reports,
/// so the report is written and parses instead of the run ending in an internal error.
/// </summary>
public class JunitControlCharacterTests
{
    [Test]
    public void Eval_InputErrorQuotingAControlCharacter_WritesAJunitReportThatParses()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("bad.json"), "{\"a\": nu\u001el}\n");

        var run = CliRunner.InvokeIn(folder.Path, "eval", "--policy", RepoPaths.Policies, "--input", "bad.json", "--input", Path.Combine(RepoPaths.Root, "examples", "terraform"), "--format", "junit", "-o", "report.xml");

        Assert.That(run.Error, Does.Not.Contain("internal error"));
        Assert.That(run.ExitCode, Is.EqualTo(3), run.Error);
        var report = XDocument.Parse(File.ReadAllText(folder.Combine("report.xml")));
        var error = report.Descendants("error").Single();
        Assert.That(error.Attribute("message")!.Value, Does.Contain("nu\uFFFDl"));
    }

    [Test]
    public void Test_CaseNameWithAControlCharacter_WritesAJunitReportThatParses()
    {
        using var folder = new TempFolder();
        var policies = folder.Combine("policies");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Policies, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(policies, Path.GetRelativePath(RepoPaths.Policies, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var tests = Path.Combine(policies, "tests", "keys.test.yaml");
        File.WriteAllText(tests, File.ReadAllText(tests).Replace(
            "  - name: a key without automatic rotation fails kms_key_rotation",
            "  - name: \"a key without automatic rotation\\x1e fails\"",
            StringComparison.Ordinal));

        var run = CliRunner.InvokeIn(folder.Path, "test", "policies/tests/keys.test.yaml", "--format", "junit");

        Assert.That(run.Error, Does.Not.Contain("internal error"));
        Assert.That(run.ExitCode, Is.Zero, run.Out + run.Error);
        var report = XDocument.Parse(run.Out);
        Assert.That(report.Descendants("testcase").Select(t => t.Attribute("name")!.Value), Has.Some.Contain("rotation\uFFFD fails"));
    }
}
