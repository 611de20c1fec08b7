using System.Security.Cryptography;

namespace Sec08Policy.Tests.Infrastructure;

/// <summary>Every file under a folder with a hash of its content, to show that a command changed nothing there.</summary>
internal sealed record FolderSnapshot(IReadOnlyDictionary<string, string> Files)
{
    public static FolderSnapshot Of(string folder) => new(
        Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(f => new FileInfo(f).LinkTarget is null)
            .ToDictionary(
                f => Path.GetRelativePath(folder, f).Replace('\\', '/'),
                f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))),
                StringComparer.Ordinal));

    /// <summary>What differs from <paramref name="before"/>: files added, removed or changed, by relative path.</summary>
    public IEnumerable<string> ChangesSince(FolderSnapshot before) =>
        Files.Keys.Union(before.Files.Keys, StringComparer.Ordinal)
            .Where(f => !Files.TryGetValue(f, out var now) || !before.Files.TryGetValue(f, out var then) || now != then)
            .Order(StringComparer.Ordinal);
}
