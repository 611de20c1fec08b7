using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Cli;

/// <summary>Standard output or error that cannot be written ends a command plainly: exit code 3 and one line, never a crash.</summary>
public class StandardStreamTests
{
    [TestCase("check", "policies")]
    [TestCase("eval", "--policy", "policies", "--input", "examples")]
    [TestCase("eval", "--policy", "policies", "--input", "examples", "--format", "sarif")]
    [TestCase("inspect", "examples", "--format", "inventory")]
    [TestCase("--help")]
    public void FullStandardOutput_ExitsThreeWithOneLine(params string[] args)
    {
        var run = CliRunner.Invoke(c => c with { Out = new FullWriter() }, args);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Is.EqualTo("sec08: error: cannot write standard output: No space left on device\n"));
    }

    [Test]
    public void FullStandardError_KeepsTheExitCode()
    {
        var run = CliRunner.Invoke(c => c with { Error = new FullWriter() }, "check", "does-not-exist.sec08");

        Assert.That(run.ExitCode, Is.EqualTo(3));
    }

    [Test]
    public void FullStandardOutputAndError_ExitsThreeQuietly()
    {
        var run = CliRunner.Invoke(c => c with { Out = new FullWriter(), Error = new FullWriter() }, "check", "policies");

        Assert.That(run.ExitCode, Is.EqualTo(3));
    }

    [TestCase("> /dev/full", 3, "sec08: error: cannot write standard output: No space left on device\n")]
    [TestCase("| head -c 1 > /dev/null", 1, "")]
    [TestCase("2> /dev/full > /dev/full", 3, "")]
    public void RealConsole_FullDiskOrClosedPipe_EndsPlainly(string redirect, int exit, string error)
    {
        Assume.That(File.Exists("/dev/full") && File.Exists("/bin/bash"), Is.True, "needs /dev/full and bash");
        var sec08 = Path.Combine(AppContext.BaseDirectory, "sec08.dll");
        var script = $"dotnet '{sec08}' eval --policy policies --input examples {redirect}; exit ${{PIPESTATUS[0]}}";
        var start = new System.Diagnostics.ProcessStartInfo("/bin/bash", ["-c", script])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.That((process.ExitCode, stderr), Is.EqualTo((exit, error)));
    }

    /// <summary>A writer on a full disk: every write fails as the operating system reports it.</summary>
    private sealed class FullWriter : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new IOException("No space left on device");

        public override void Write(string? value) => throw new IOException("No space left on device");

        public override void Write(char[] buffer, int index, int count) => throw new IOException("No space left on device");
    }
}
