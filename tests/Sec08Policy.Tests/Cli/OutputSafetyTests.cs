using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Cli;

/// <summary>
/// No command deletes or replaces what the user did not name as an output, or anything that is not a regular file:
/// `build` replaces only a new, empty or previous-build folder, and reports replace only new paths or regular files.
/// </summary>
public class OutputSafetyTests
{
    private const string Plan = "examples/terraform/plan.json";

    [Test]
    public void Build_IntoThePolicyFolder_IsRefusedAndTheSourcesStay()
    {
        using var temp = new TempFolder();
        var policies = CopyPolicies(temp, "policies");
        var before = FolderSnapshot.Of(policies);

        var run = CliRunner.Invoke("build", policies, "-o", policies);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain($"will not write `{policies}`: it holds `"));
        Assert.That(FolderSnapshot.Of(policies).ChangesSince(before), Is.Empty);
    }

    [TestCase(".")]
    [TestCase("..")]
    [TestCase("sub/..")]
    public void Build_IntoTheWorkingFolderOrAFolderAboveIt_IsRefused(string output)
    {
        using var temp = new TempFolder();
        var work = temp.Combine("work");
        Directory.CreateDirectory(Path.Combine(work, "sub"));
        File.Copy(Path.Combine(RepoPaths.Policies, "classification.sec08"), Path.Combine(work, "sub", "policy.sec08"));
        File.WriteAllText(temp.Combine("notes.txt"), "not the tool's to delete");
        var before = FolderSnapshot.Of(temp.Path);

        // The policy lies outside the folder named, so only the working-folder rule stops the build.
        var run = CliRunner.InvokeIn(work, "build", Path.Combine(RepoPaths.Policies), "-o", output);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("it is the working folder or a folder above it"));
        Assert.That(FolderSnapshot.Of(temp.Path).ChangesSince(before), Is.Empty);
    }

    [Test]
    public void Build_IntoAFolderHoldingAnImportedFile_IsRefused()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("main"));
        Directory.CreateDirectory(temp.Combine("shared"));
        File.Copy(Path.Combine(RepoPaths.Policies, "classification.sec08"), temp.Combine("shared", "classification.sec08"));
        File.WriteAllText(temp.Combine("main", "main.sec08"), "import \"../shared/classification.sec08\"\n");
        var before = FolderSnapshot.Of(temp.Path);

        var run = CliRunner.Invoke("build", temp.Combine("main"), "-o", temp.Combine("shared"));

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("classification.sec08`, which this build reads"));
        Assert.That(FolderSnapshot.Of(temp.Path).ChangesSince(before), Is.Empty);
    }

    [Test]
    public void Build_IntoAFolderWithOtherFiles_IsRefused()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("docs");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "notes.md"), "mine");

        var run = CliRunner.Invoke("build", "policies", "-o", folder);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("it is neither empty nor a previous build"));
        Assert.That(Directory.GetFileSystemEntries(folder), Is.EqualTo(new[] { Path.Combine(folder, "notes.md") }));
    }

    [Test]
    public void Build_IntoAnEmptyFolderThenOverItsOwnBuild_Succeeds()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("out");
        Directory.CreateDirectory(folder);

        Assert.That(CliRunner.Invoke("build", "policies", "-o", folder).ExitCode, Is.EqualTo(0));
        Assert.That(CliRunner.Invoke("build", "policies", "-o", folder).ExitCode, Is.EqualTo(0));
        Assert.That(File.Exists(Path.Combine(folder, "manifest.json")), Is.True);
    }

    [Test]
    public void Build_IntoASymbolicLink_IsRefused()
    {
        using var temp = new TempFolder();
        var target = temp.Combine("real");
        Assert.That(CliRunner.Invoke("build", "policies", "-o", target).ExitCode, Is.EqualTo(0));
        var link = temp.Combine("link");
        Directory.CreateSymbolicLink(link, target);

        var run = CliRunner.Invoke("build", "policies", "-o", link);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("it is a symbolic link, not a folder"));
        Assert.That(new DirectoryInfo(link).LinkTarget, Is.EqualTo(target));
    }

    [Test]
    public void Eval_OutputThatIsASymbolicLink_IsRefusedAndTheLinkStays()
    {
        using var temp = new TempFolder();
        var target = temp.Combine("report.json");
        File.WriteAllText(target, "previous");
        var link = temp.Combine("link.json");
        File.CreateSymbolicLink(link, target);

        var run = CliRunner.Invoke("eval", "--policy", "policies", "--input", Plan, "--format", "json", "-o", link);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain($"cannot write `{link}`: it is a symbolic link, and sec08 replaces only regular files"));
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(target));
        Assert.That(File.ReadAllText(target), Is.EqualTo("previous"));
    }

    [Test]
    public void Eval_OutputThatIsANamedPipe_IsRefusedWithoutBlocking()
    {
        using var temp = new TempFolder();
        var fifo = temp.Combine("report.sarif");
        SpecialFiles.MakeFifo(fifo);

        var run = SpecialFiles.Within(TimeSpan.FromSeconds(30), () => CliRunner.Invoke("eval", "--policy", "policies", "--input", Plan, "--format", "sarif", "-o", fifo));

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("it is a named pipe (FIFO), and sec08 replaces only regular files"));
        Assert.That(Sec08Policy.Engine.Files.FileSearch.KindOf(fifo, followLinks: false), Is.EqualTo(Sec08Policy.Engine.Files.FileKind.NamedPipe));
    }

    [TestCase("eval", "--policy", "policies", "--input", Plan, "--format", "json", "-o", "/dev/null")]
    [TestCase("collect", "--region", "eu-west-1", "-o", "/dev/null")]
    public void Output_ThatIsADevice_IsRefusedBeforeAnyWork(params string[] args)
    {
        Assume.That(File.Exists("/dev/null"), Is.True);

        var run = CliRunner.Invoke(args);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("cannot write `/dev/null`: it is a character device, and sec08 replaces only regular files"));
        Assert.That(Sec08Policy.Engine.Files.FileSearch.KindOf("/dev/null", followLinks: false), Is.EqualTo(Sec08Policy.Engine.Files.FileKind.CharacterDevice));
    }

    [Test]
    public void Eval_TwoReportsToOneFile_IsAUsageErrorAndWritesNothing()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("sub"));

        var run = CliRunner.Invoke("eval", "--policy", "policies", "--input", Plan,
            "--format", "json", "-o", temp.Combine("report"), "--format", "sarif", "-o", temp.Combine("sub", "..", "report"));

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("is named for both the json and the sarif report; give each report its own file"));
        Assert.That(File.Exists(temp.Combine("report")), Is.False);
    }

    [Test]
    public void Eval_ReportOverItsOwnInput_IsRefused()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("plan.json");
        File.Copy(Path.Combine(RepoPaths.Root, Plan), input);
        var before = File.ReadAllBytes(input);

        var run = CliRunner.Invoke("eval", "--policy", "policies", "--input", input, "--format", "json", "-o", input);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("it is a policy or input of this run"));
        Assert.That(File.ReadAllBytes(input), Is.EqualTo(before));
    }

    [Test]
    public void Fmt_ThroughASymbolicLink_FormatsTheTargetAndKeepsTheLink()
    {
        using var temp = new TempFolder();
        var target = temp.Combine("policy.sec08");
        File.WriteAllText(target, "policy \"p\" {   owner \"a@b.example\" }\n");
        var link = temp.Combine("link.sec08");
        File.CreateSymbolicLink(link, target);

        var run = CliRunner.Invoke("fmt", link);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(target));
        Assert.That(File.ReadAllText(target), Does.Contain("policy \"p\" {\n"));
    }

    private static string CopyPolicies(TempFolder temp, string name)
    {
        var folder = temp.Combine(name);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(RepoPaths.Policies, "*.sec08"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }
}
