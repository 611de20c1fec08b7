using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Sec08Policy.Tests.Infrastructure;

/// <summary>
/// Compares text with a golden file next to the test case. Set SEC08_UPDATE_GOLDEN=1 to rewrite golden files, then
/// review the diff before committing.
/// </summary>
internal static class Golden
{
    public static void AssertMatches(string goldenPath, string actual)
    {
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("SEC08_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(goldenPath, actual);
            return;
        }

        Assert.That(File.Exists(goldenPath), Is.True, $"golden file {goldenPath} is missing; run with SEC08_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(goldenPath).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            Assert.Fail($"{Path.GetFileName(goldenPath)} differs (- expected, + actual):\n{Diff(expected, actual)}");
        }
    }

    private static string Diff(string expected, string actual)
    {
        var model = InlineDiffBuilder.Diff(expected, actual);
        var lines = model.Lines
            .Where(l => l.Type != ChangeType.Unchanged)
            .Take(60)
            .Select(l => (l.Type == ChangeType.Inserted ? "+ " : l.Type == ChangeType.Deleted ? "- " : "  ") + l.Text);
        return string.Join('\n', lines);
    }
}
