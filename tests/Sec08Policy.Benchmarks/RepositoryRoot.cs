namespace Sec08Policy.Benchmarks;

internal static class RepositoryRoot
{
    /// <summary>The nearest folder at or above the program's base directory that holds Sec08Policy.sln.</summary>
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sec08Policy.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Sec08Policy.sln above {AppContext.BaseDirectory}");
    }
}
