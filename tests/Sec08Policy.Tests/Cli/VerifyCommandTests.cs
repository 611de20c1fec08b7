using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Cli;

/// <summary><c>sec08 verify</c> on the baseline: every class agrees, and the count is printed.</summary>
public class VerifyCommandTests
{
    [Test]
    public void Baseline_Exit0_CountsTheClasses()
    {
        var run = CliRunner.Invoke("verify", "--policy", "policies");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Out + run.Error);
        Assert.That(run.Out, Does.Match(@"^[\d,]+ request classes checked: [\d,]+ agree, 0 disagree\n$"));
    }

    [Test]
    public void NoPolicy_Exit3()
    {
        var run = CliRunner.Invoke("verify");

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Out, Is.Empty);
    }
}
