using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Binding;

/// <summary>
/// One case per semantic diagnostic under Cases/binding: a file or a folder named after the ID it must report.
/// The full `check` output is compared with the golden `.diagnostics.txt` beside it.
/// </summary>
public class BindingCaseTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        Directory.EnumerateFileSystemEntries(Path.Combine(RepoPaths.Cases, "binding"))
            .Where(p => Directory.Exists(p) || p.EndsWith(".sec08", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => new TestCaseData(Path.GetFileNameWithoutExtension(p)).SetName("Check_" + Path.GetFileNameWithoutExtension(p)));

    [TestCaseSource(nameof(Cases))]
    public void Check_BindingCase_ReportsItsDiagnosticAndMatchesGolden(string name)
    {
        var folder = Path.Combine("tests", "Sec08Policy.Tests", "Cases", "binding");
        var input = Directory.Exists(Path.Combine(RepoPaths.Root, folder, name)) ? Path.Combine(folder, name) : Path.Combine(folder, name + ".sec08");
        var expectedId = name[..6];

        var run = CliRunner.Invoke("check", input.Replace('\\', '/'));

        Assert.That(run.Out, Does.Contain($" {expectedId}: "), run.Out);
        var isError = run.Out.Contains($"error {expectedId}:", StringComparison.Ordinal);
        Assert.That(run.ExitCode, Is.EqualTo(isError || run.Out.Contains(": error ", StringComparison.Ordinal) ? 2 : 0));
        Golden.AssertMatches(Path.Combine(RepoPaths.Cases, "binding", name + ".diagnostics.txt"), run.Out);
    }
}
