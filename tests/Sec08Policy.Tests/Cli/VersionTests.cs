using System.CommandLine;
using Sec08Policy.Cli;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Cli;

/// <summary><c>sec08 --version</c> answers before the command tree is built, and must say what the tree says.</summary>
public class VersionTests
{
    [Test]
    public void Version_AnsweredEarly_IsWhatTheCommandTreePrints()
    {
        var tree = new StringWriter();
        var treeExit = CliApplication.CreateRoot(new CliContext(tree, TextWriter.Null, CliRunner.Today)).Parse(["--version"])
            .Invoke(new InvocationConfiguration { Output = tree, Error = TextWriter.Null });

        var run = CliRunner.Invoke("--version");

        Assert.That(tree.ToString(), Is.Not.Empty);
        Assert.That(run.Out, Is.EqualTo(tree.ToString()));
        Assert.That(run.ExitCode, Is.EqualTo(treeExit).And.EqualTo(ExitCodes.Success));
        Assert.That(run.Error, Is.Empty);
    }

    [Test]
    public void Version_WithAnotherArgument_IsLeftToTheCommandTree()
    {
        // Only the bare flag takes the early path; anything more is parsed (and refused) as before.
        var run = CliRunner.Invoke("--version", "check");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageOrInput));
        Assert.That(run.Out, Is.Empty);
    }
}
