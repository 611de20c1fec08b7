using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Testing;

/// <summary>
/// The policy library as CI gates it: the baseline and every pack check clean, are formatted, and pass their own test
/// suite with every requirement clause and waiver exercised. The one warning allowed is SP2065: a pack may require
/// services (CloudWatch Logs) whose resources one input form (AWS Config items) cannot show.
/// </summary>
public class LibraryTests
{
    public static IEnumerable<string> Suites() =>
        new[] { "policies" }.Concat(Directory.EnumerateDirectories(Path.Combine(RepoPaths.Root, "library")).Select(d => "library/" + Path.GetFileName(d)).Order(StringComparer.Ordinal));

    [TestCaseSource(nameof(Suites))]
    public void Suite_ChecksCleanIsFormattedAndPassesItsTestsWithFullCoverage(string folder)
    {
        var check = CliRunner.Invoke("check", folder);
        var format = CliRunner.Invoke("fmt", "--check", folder);
        var test = CliRunner.Invoke("test", folder, "--min-coverage", "100");

        Assert.That(check.ExitCode, Is.EqualTo(0), check.Out);
        AssertClean(check.Out);
        Assert.That(format.ExitCode, Is.EqualTo(0), format.Out);
        Assert.That(test.ExitCode, Is.EqualTo(0), test.Out + test.Error);
        Assert.That(test.Out, Does.Match(@"\d+ passed, 0 failed"));
        Assert.That(test.Out, Does.Contain("(100%)"));
    }

    [Test]
    public void Library_EveryPackHasTestsAndAFolderOfItsOwn()
    {
        var packs = Directory.EnumerateDirectories(Path.Combine(RepoPaths.Root, "library")).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.That(packs, Is.EqualTo(new[] { "cis-aws", "gdpr", "hipaa", "nist-800-53", "pci-dss", "sox" }));
        foreach (var pack in packs)
        {
            Assert.That(File.Exists(Path.Combine(RepoPaths.Root, "library", pack!, "tests", pack + ".test.yaml")), pack);
        }
    }

    [Test]
    public void BaselineAndEveryPack_CheckCleanTogether()
    {
        var run = CliRunner.Invoke("check", "policies", "library");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Out);
        AssertClean(run.Out);
    }

    [Test]
    public void Pack_ImportedTwice_IsNotAnError()
    {
        using var temp = new TempFolder();
        var pack = Path.Combine(RepoPaths.Root, "library", "hipaa", "hipaa.sec08").Replace('\\', '/');
        File.WriteAllText(temp.Combine("a.sec08"), $"import \"{pack}\"\nimport \"{pack}\"\n");
        File.WriteAllText(temp.Combine("b.sec08"), $"import \"{pack}\"\n");

        var run = CliRunner.Invoke("check", temp.Path, "library/hipaa");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Out);
        AssertClean(run.Out);
        Assert.That(run.Out, Does.Match(@"0 errors, \d+ warnings? in 3 files"));
    }

    private static void AssertClean(string output)
    {
        Assert.That(output, Does.Contain("0 errors, "));
        Assert.That(output, Does.Not.Match(@"warning SP(?!2065)"), "no warning but SP2065");
    }
}
