using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Cli;

public class FormatCommandTests
{
    private TempFolder _temp = null!;

    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _temp = new TempFolder();
        _folder = _temp.Path;
    }

    [TearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test]
    public void Fmt_Check_ListsUnformattedFilesExitsOneAndChangesNothing()
    {
        var messy = Path.Combine(_folder, "messy.sec08");
        var tidy = Path.Combine(_folder, "tidy.sec08");
        File.WriteAllText(messy, "key k{alias \"alias/k\"}");
        File.WriteAllText(tidy, "key k {\n  alias \"alias/k\"\n}\n");

        var run = CliRunner.Invoke("fmt", _folder, "--check");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Out, Does.Contain("messy.sec08: not formatted"));
        Assert.That(run.Out, Does.Not.Contain("tidy.sec08"));
        Assert.That(File.ReadAllText(messy), Is.EqualTo("key k{alias \"alias/k\"}"));
    }

    [Test]
    public void Fmt_RewritesFilesThenCheckPasses()
    {
        var messy = Path.Combine(_folder, "messy.sec08");
        File.WriteAllText(messy, "key k{alias \"alias/k\" // the alias\n}");

        var run = CliRunner.Invoke("fmt", messy);
        var check = CliRunner.Invoke("fmt", messy, "--check");

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(File.ReadAllText(messy), Is.EqualTo("key k {\n  alias \"alias/k\" // the alias\n}\n"));
        Assert.That(check.ExitCode, Is.EqualTo(0));
        Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(1), "no temporary file is left behind");
    }

    [Test]
    public void Fmt_FileWithSyntaxErrors_ExitsTwoAndLeavesTheFileAlone()
    {
        var broken = Path.Combine(_folder, "broken.sec08");
        File.WriteAllText(broken, "key k {\n  alias\n");

        var run = CliRunner.Invoke("fmt", broken);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("error SP1001"));
        Assert.That(File.ReadAllText(broken), Is.EqualTo("key k {\n  alias\n"));
    }

    [Test]
    public void Fmt_BaselinePolicies_NeedNoChanges()
    {
        var run = CliRunner.Invoke("fmt", "policies", "--check");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Out);
        Assert.That(run.Out, Is.Empty);
    }
}
