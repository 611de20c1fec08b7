namespace Sec08Policy.Tests.Infrastructure;

/// <summary>Compares every file of an output folder with a golden folder (SEC08_UPDATE_GOLDEN=1 rewrites it).</summary>
internal static class GoldenFolder
{
    public static void AssertMatches(string goldenFolder, string actualFolder)
    {
        var actual = Files(actualFolder);
        if (Environment.GetEnvironmentVariable("SEC08_UPDATE_GOLDEN") == "1")
        {
            if (Directory.Exists(goldenFolder))
            {
                Directory.Delete(goldenFolder, recursive: true);
            }

            foreach (var file in actual)
            {
                var target = Path.Combine(goldenFolder, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(actualFolder, file), target);
            }

            return;
        }

        Assert.That(Directory.Exists(goldenFolder), Is.True, $"golden folder {goldenFolder} is missing; run with SEC08_UPDATE_GOLDEN=1");
        Assert.That(actual, Is.EqualTo(Files(goldenFolder)), "the same files");
        foreach (var file in actual)
        {
            Golden.AssertMatches(Path.Combine(goldenFolder, file), File.ReadAllText(Path.Combine(actualFolder, file)));
        }
    }

    public static List<string> Files(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
}
