using Sec08Policy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Sec08Policy.Tests.Cli;

/// <summary>
/// <c>sec08 init</c>: the scaffold passes its own CI at once. The sec08 commands of the GitHub workflow, the GitLab
/// job and the pre-commit hooks are read from the written files and run in the new repository.
/// </summary>
public class InitCommandTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void CreateFolder() => _temp = new TempFolder();

    [TearDown]
    public void DeleteFolder() => _temp.Dispose();

    [TestCase("")]
    [TestCase("hipaa pci-dss gdpr sox nist-800-53 cis-aws")]
    public void Init_ScaffoldPassesEveryCommandOfItsOwnCi(string packList)
    {
        var packs = packList.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var repo = _temp.Combine("policy-repo");
        var init = CliRunner.Invoke(["init", repo, .. packs.SelectMany(p => new[] { "--pack", p })]);

        Assert.That(init.ExitCode, Is.EqualTo(0), init.Error);
        var commands = Commands(repo).ToList();
        Assert.That(commands.Select(c => c[0]).Distinct(), Is.SupersetOf(new[] { "check", "fmt", "test", "eval" }));
        foreach (var command in commands)
        {
            var run = CliRunner.InvokeIn(repo, [.. command]);
            Assert.That(run.ExitCode, Is.EqualTo(0), $"sec08 {string.Join(' ', command)}\n{run.Out}{run.Error}");
        }

        Assert.That(File.ReadAllText(Path.Combine(repo, ".github", "workflows", "sec08.yml")), Does.Contain("github/codeql-action/upload-sarif"));
        foreach (var pack in packs)
        {
            Assert.That(File.Exists(Path.Combine(repo, "library", pack, "tests", pack + ".test.yaml")), pack);
        }
    }

    [Test]
    public void Init_IntoAFolderThatIsNotEmpty_ExitsThreeAndWritesNothing()
    {
        var existing = _temp.Combine("notes.txt");
        File.WriteAllText(existing, "mine");

        var run = CliRunner.Invoke("init", _temp.Path);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("is not empty"));
        Assert.That(Directory.GetFileSystemEntries(_temp.Path), Is.EqualTo(new[] { existing }));
    }

    [Test]
    public void Init_UnknownPack_IsAUsageError()
    {
        var run = CliRunner.Invoke("init", _temp.Combine("x"), "--pack", "iso27001");

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(Directory.Exists(_temp.Combine("x")), Is.False);
    }

    /// <summary>Every sec08 command line of the workflow, the GitLab job and the hooks, without the leading <c>sec08</c>.</summary>
    private static IEnumerable<string[]> Commands(string repo)
    {
        // `run` steps, `script` lines and hook `entry` commands; not the names of steps and hooks.
        IEnumerable<string> Scalars(string file) => Load(Path.Combine(repo, file)).AllNodes.OfType<YamlMappingNode>()
            .SelectMany(m => m.Children)
            .Where(e => e.Key is YamlScalarNode { Value: "run" or "entry" or "script" })
            .SelectMany(e => e.Value is YamlSequenceNode lines ? lines.Children : [e.Value])
            .OfType<YamlScalarNode>()
            .Select(n => n.Value ?? string.Empty);
        return new[] { Path.Combine(".github", "workflows", "sec08.yml"), ".gitlab-ci.yml", ".pre-commit-config.yaml" }
            .SelectMany(Scalars)
            .Where(v => v.StartsWith("sec08 ", StringComparison.Ordinal))
            .Select(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]);
    }

    private static YamlNode Load(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return stream.Documents[0].RootNode;
    }
}
