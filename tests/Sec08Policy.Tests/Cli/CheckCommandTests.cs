using System.Text.Json;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Cli;

public class CheckCommandTests
{
    private const string BadPolicy = "tests/Sec08Policy.Tests/Cases/binding/SP2003-unknown-level.sec08";

    [Test]
    public void Check_BaselinePolicies_AreCleanAndExitZero()
    {
        var run = CliRunner.Invoke("check", "policies");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Out);
        Assert.That(run.Out, Does.EndWith("0 errors, 0 warnings in 10 files\n"));
    }

    [Test]
    public void Check_PolicyWithErrors_ExitsTwoWithCanonicalLineCaretsAndHelp()
    {
        var run = CliRunner.Invoke("check", BadPolicy);
        var lines = run.Out.Split('\n');

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(lines[0], Is.EqualTo($"{BadPolicy}(13,21): error SP2003: unknown classification level `confidental`"));
        Assert.That(lines[1], Is.EqualTo("   13 |   classification >= confidental: encrypted"));
        Assert.That(lines[2], Is.EqualTo("      |                     ^^^^^^^^^^^"));
        Assert.That(lines[3], Is.EqualTo("      = help: did you mean `confidential`?"));
    }

    [Test]
    public void Check_JsonFormat_GivesOneObjectPerDiagnosticWithPositions()
    {
        var run = CliRunner.Invoke("check", BadPolicy, "--format", "json");
        using var document = JsonDocument.Parse(run.Out);
        var diagnostic = document.RootElement.EnumerateArray().Single();

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(diagnostic.GetProperty("id").GetString(), Is.EqualTo("SP2003"));
        Assert.That(diagnostic.GetProperty("severity").GetString(), Is.EqualTo("error"));
        Assert.That(diagnostic.GetProperty("file").GetString(), Is.EqualTo(BadPolicy));
        Assert.That(diagnostic.GetProperty("line").GetInt32(), Is.EqualTo(13));
        Assert.That(diagnostic.GetProperty("column").GetInt32(), Is.EqualTo(21));
        Assert.That(diagnostic.GetProperty("endColumn").GetInt32(), Is.EqualTo(32));
        Assert.That(diagnostic.GetProperty("length").GetInt32(), Is.EqualTo(11));
        Assert.That(diagnostic.GetProperty("help").GetString(), Is.EqualTo("did you mean `confidential`?"));
        Assert.That(run.Out, Does.Contain("\"did you mean `confidential`?\""), "backticks are written as they are, not as \\u0060");
    }

    [Test]
    public void Check_WarningsOnly_ExitsZero()
    {
        var run = CliRunner.Invoke("check", "tests/Sec08Policy.Tests/Cases/binding/SP2012-expired-waiver.sec08");

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Out, Does.Contain("warning SP2012"));
    }

    [Test]
    public void Check_PathThatDoesNotExist_ExitsThreeOnStandardError()
    {
        var run = CliRunner.Invoke("check", "no/such/place.sec08");

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("`no/such/place.sec08` does not exist"));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public void Check_FolderWithoutPolicyFiles_ExitsThree()
    {
        var run = CliRunner.Invoke("check", "docs");

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("no `.sec08` files under `docs`"));
    }

    [Test]
    public void Check_UnknownOption_IsAUsageError()
    {
        var run = CliRunner.Invoke("check", "policies", "--formt", "json");

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("--formt"));
    }

    [Test]
    public void Check_Help_SaysHowOldTheActionCatalogueIs()
    {
        var run = CliRunner.Invoke("check", "--help");

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Out, Does.Match(@"data of 2026-09-23 \(66 days old\)"));
    }

    [Test]
    public void Check_SameInputTwice_GivesByteIdenticalOutput()
    {
        var first = CliRunner.Invoke("check", "tests/Sec08Policy.Tests/Cases/malformed", "--format", "json");
        var second = CliRunner.Invoke("check", "tests/Sec08Policy.Tests/Cases/malformed", "--format", "json");

        Assert.That(second.Out, Is.EqualTo(first.Out));
        Assert.That(first.ExitCode, Is.EqualTo(3), "the corpus holds a file that is not UTF-8");
    }
}
