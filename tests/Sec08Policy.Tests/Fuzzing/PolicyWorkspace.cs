using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Fuzzing;

/// <summary>A temporary folder holding a copy of one policy set (<c>policy/</c>), its tests, and room for outputs.</summary>
internal sealed class PolicyWorkspace : IDisposable
{
    private readonly TempFolder _folder = new();

    public PolicyWorkspace(FuzzCorpus.PolicySet set)
    {
        Set = set;
        Directory.CreateDirectory(PolicyFolder);
        var files = set.Files.Count == 1 && !set.Name.StartsWith("policies", StringComparison.Ordinal) && !set.Name.StartsWith("library/", StringComparison.Ordinal)
            ? set.Files
            : [.. Directory.EnumerateFiles(set.Folder, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".sec08", StringComparison.Ordinal) || f.EndsWith(".test.yaml", StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(set.Folder, f).Replace('\\', '/'))];
        foreach (var file in files)
        {
            var target = Path.Combine(PolicyFolder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(set.Folder, file), target);
        }

        HasTests = files.Any(f => f.EndsWith(".test.yaml", StringComparison.Ordinal));
    }

    public FuzzCorpus.PolicySet Set { get; }

    public string Root => _folder.Path;

    public string PolicyFolder => _folder.Combine("policy");

    public bool HasTests { get; }

    public string Combine(params string[] parts) => _folder.Combine(parts);

    public void Write(string file, byte[] bytes) => File.WriteAllBytes(Path.Combine(PolicyFolder, file), bytes);

    public CliRunner.Run Run(params string[] args) => CliRunner.InvokeIn(Root, args);

    public void Dispose() => _folder.Dispose();
}
