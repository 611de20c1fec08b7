namespace Sec08Policy.Benchmarks;

internal static class RepositoryRoot
{
    /// <summary>
    /// The nearest folder holding Sec08Policy.sln at or above the program's base directory, or else at or above the
    /// current directory (the benchmark scripts build outside the work tree and run from its root).
    /// </summary>
    public static string Find() =>
        Above(AppContext.BaseDirectory) ?? Above(Environment.CurrentDirectory)
        ?? throw new InvalidOperationException($"no Sec08Policy.sln above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");

    private static string? Above(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sec08Policy.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
