namespace Sec08Policy.Tests.Fuzzing;

/// <summary>
/// The shipped policies with their layout changed (white space, line breaks, comments between tokens): each still
/// parses, fmt of it is idempotent, and it builds exactly as the formatted text does.
/// </summary>
[NonParallelizable]
public class FormatMeaningFuzzTests
{
    [Test]
    public void Fuzz_RelaidPolicies_FormatKeepsMeaning() =>
        FuzzRun.Check(nameof(Fuzz_RelaidPolicies_FormatKeepsMeaning), PolicyMutant.Relaid(FuzzCorpus.BuildableSets), 100, mutant =>
        {
            using var workspace = new PolicyWorkspace(mutant.Set);
            workspace.Write(mutant.File, mutant.Bytes);
            var build = workspace.Run("build", "policy", "-o", "out");
            var fmt = workspace.Run("fmt", "policy");
            Invariants.Hold(fmt, "fmt", 0);
            Assert.That(workspace.Run("fmt", "--check", "policy").ExitCode, Is.Zero, "fmt is not idempotent");
            PolicyFuzzTests.SameBuild(workspace, build);
        }, m => m.ToString());
}
