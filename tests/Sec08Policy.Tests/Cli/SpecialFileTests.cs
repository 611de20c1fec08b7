using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Cli;

/// <summary>
/// Files that are not regular files, and folders that loop: every command ends promptly with a clear message, reads
/// nothing past its size limit, and reads each file once.
/// </summary>
public class SpecialFileTests
{
    private static readonly TimeSpan s_prompt = TimeSpan.FromSeconds(60);

    [TestCase("/proc/self/status", "error: the YAML file is not a CloudFormation template")]
    [TestCase("/dev/zero", "(1,1): error: the file holds a NUL byte")]
    [TestCase("/dev/urandom", "): error: the file")]
    public void Inspect_SpecialFile_IsAnInputError(string path, string message)
    {
        Assume.That(File.Exists(path), Is.True, path);

        var run = SpecialFiles.Within(s_prompt, () => CliRunner.Invoke("inspect", path));

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.StartWith(path + "(").And.Contain(message));
    }

    [Test]
    public void Inspect_InputLargerThanTheLimit_IsAnInputError()
    {
        var run = CliRunner.Invoke("inspect", "examples/terraform/plan.json", "--max-input-size", "1KB");

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Is.EqualTo("examples/terraform/plan.json(1,1): error: the input is too large: it holds more than 1,000 bytes, the limit for one file (set by `--max-input-size`)\n"));
    }

    [Test]
    public void Check_PolicyThatIsADeviceOrImportsOne_IsUnreadableAfterTheLimit()
    {
        Assume.That(File.Exists("/dev/zero"), Is.True);
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("main.sec08"), "import \"/dev/zero\"\n");

        var direct = SpecialFiles.Within(s_prompt, () => CliRunner.Invoke("check", "/dev/zero", "--max-policy-size", "1MB"));
        var imported = SpecialFiles.Within(s_prompt, () => CliRunner.Invoke("check", temp.Combine("main.sec08")));

        Assert.That(direct.ExitCode, Is.EqualTo(3));
        Assert.That(direct.Out, Does.Contain("/dev/zero(1,1): error SP1010: cannot read `/dev/zero`: it holds more than 1,000,000 bytes, the limit for one file"));
        Assert.That(direct.Out, Does.Contain("help: a policy file this large is not read unless `--max-policy-size` allows it"));
        Assert.That(imported.ExitCode, Is.EqualTo(3));
        Assert.That(imported.Out, Does.Contain("error SP1010: cannot read `/dev/zero`: it holds more than 16,000,000 bytes"));
    }

    [Test]
    public void NamedPipesInFolders_AreSkippedAndSaidSo()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("inputs"));
        File.Copy(Path.Combine(RepoPaths.Root, "examples", "terraform", "plan.json"), temp.Combine("inputs", "plan.json"));
        SpecialFiles.MakeFifo(temp.Combine("inputs", "p.json"));
        File.Copy(Path.Combine(RepoPaths.Policies, "classification.sec08"), temp.Combine("classification.sec08"));
        SpecialFiles.MakeFifo(temp.Combine("p.sec08"));

        var inspect = SpecialFiles.Within(s_prompt, () => CliRunner.Invoke("inspect", temp.Combine("inputs")));
        var check = SpecialFiles.Within(s_prompt, () => CliRunner.Invoke("check", temp.Path));

        Assert.That(inspect.ExitCode, Is.EqualTo(0));
        Assert.That(inspect.Error, Is.EqualTo($"sec08: warning: skipped `{temp.Combine("inputs", "p.json")}`: a named pipe (FIFO), not a regular file\n"));
        Assert.That(check.ExitCode, Is.EqualTo(0));
        Assert.That(check.Error, Is.EqualTo($"sec08: warning: skipped `{temp.Combine("p.sec08")}`: a named pipe (FIFO), not a regular file\n"));
    }

    [Test]
    public void NamedPipeGivenDirectly_ReadsAsEmptyWithoutBlocking()
    {
        using var temp = new TempFolder();
        SpecialFiles.MakeFifo(temp.Combine("p.json"));

        var run = SpecialFiles.Within(s_prompt, () => CliRunner.Invoke("inspect", temp.Combine("p.json")));

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Is.EqualTo($"{temp.Combine("p.json")}(1,1): error: the file is empty\n"));
    }

    [Test]
    public void SymbolicLinkLoop_InAnInputFolder_ReadsEachFileOnce()
    {
        using var temp = new TempFolder();
        var inputs = temp.Combine("inputs");
        Directory.CreateDirectory(Path.Combine(inputs, "nested"));
        File.Copy(Path.Combine(RepoPaths.Root, "examples", "cloudformation", "data-platform.yaml"), Path.Combine(inputs, "nested", "template.yaml"));
        Directory.CreateSymbolicLink(Path.Combine(inputs, "nested", "loop"), inputs);
        Directory.CreateSymbolicLink(Path.Combine(inputs, "again"), Path.Combine(inputs, "nested"));

        var run = SpecialFiles.Within(s_prompt, () => CliRunner.Invoke("inspect", inputs));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Out.Split('\n').Count(l => l.EndsWith(": CloudFormation, 16 resources", StringComparison.Ordinal)), Is.EqualTo(1), run.Out);
    }

    [Test]
    public void SymbolicLinkLoop_InAPolicyFolder_ReadsEachFileOnce()
    {
        using var temp = new TempFolder();
        foreach (var file in Directory.GetFiles(RepoPaths.Policies, "*.sec08"))
        {
            File.Copy(file, temp.Combine(Path.GetFileName(file)));
        }

        Directory.CreateSymbolicLink(temp.Combine("loop"), temp.Path);

        var run = CliRunner.Invoke("check", temp.Path);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Out);
        Assert.That(run.Out, Is.EqualTo("0 errors, 0 warnings in 10 files\n"));
    }

    [Test]
    public void SameInputNamedTwice_IsReadOnce()
    {
        var once = CliRunner.Invoke("eval", "--policy", "policies", "--input", "examples");
        var twice = CliRunner.Invoke("eval", "--policy", "policies", "--input", "examples", "examples/terraform/plan.json", "./examples/terraform/../terraform/plan.json");

        Assert.That(twice.ExitCode, Is.EqualTo(once.ExitCode));
        Assert.That(twice.Out, Is.EqualTo(once.Out));
    }
}
