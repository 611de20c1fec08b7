namespace Sec08Policy.Tests.Infrastructure;

/// <summary>Locates files of the repository from the test's output folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Sec08Policy.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("cannot find the repository root above " + AppContext.BaseDirectory);
    });

    public static string Root => s_root.Value;

    public static string Cases => Path.Combine(Root, "tests", "Sec08Policy.Tests", "Cases");

    public static string Policies => Path.Combine(Root, "policies");

    public static string Docs => Path.Combine(Root, "docs");
}
