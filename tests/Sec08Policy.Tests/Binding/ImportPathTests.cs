using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Binding;

/// <summary>Import paths that no file can have are missing imports, reported at the path, never an internal error.</summary>
public class ImportPathTests
{
    [TestCase("check")]
    [TestCase("build")]
    [TestCase("fmt")]
    public void Import_PathWithNulCharacter_IsAMissingImportAtThePath(string command)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("main.sec08"), "import \"a\0b.sec08\"\n");
        string[] args = command == "build" ? [command, "main.sec08", "-o", "out"] : [command, "main.sec08"];

        var run = CliRunner.InvokeIn(folder.Path, args);

        Assert.That(run.Error, Does.Not.Contain("internal error"));
        if (command == "fmt")
        {
            // The file parses: fmt formats it and has nothing to report.
            Assert.That(run.ExitCode, Is.Zero, run.Out + run.Error);
            return;
        }

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Out + run.Error);
        Assert.That(run.Out, Does.Contain("main.sec08(1,8): error SP2014: imported file `a\\0b.sec08` does not exist"));
        Assert.That(run.Out, Does.Contain("= help: a file name cannot hold the NUL character (U+0000)"));
        Assert.That(Directory.Exists(folder.Combine("out")), Is.False);
    }
}
