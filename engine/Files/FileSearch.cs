using System.Collections.Immutable;

namespace Sec08Policy.Engine.Files;

/// <summary>
/// The files a command line names: each file as given, each folder searched recursively for the wanted files. Folders
/// are walked by their real path, each once, so a symbolic link loop or a link to a folder already searched adds
/// nothing; a file named twice (directly, through a folder, or through a link) is listed once. In folders, anything
/// that is not a regular file or folder (a named pipe, a device, a socket, a broken link) is skipped, and said so.
/// </summary>
public sealed record FileSearch(ImmutableArray<string> Files, ImmutableArray<string> Errors, ImmutableArray<string> Skipped)
{
    /// <param name="wanted">Whether a file found in a folder is one to read (by its name).</param>
    /// <param name="whatFiles">What the wanted files are, for the error about a folder without any.</param>
    public static FileSearch Expand(IEnumerable<string> paths, Func<string, bool> wanted, string whatFiles)
    {
        var files = ImmutableArray.CreateBuilder<string>();
        var errors = ImmutableArray.CreateBuilder<string>();
        var skipped = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            switch (NativeFiles.KindOf(path, followLinks: true))
            {
                case FileKind.Missing:
                    errors.Add(path.Length == 0 ? "an empty path names no file" : $"`{path}` does not exist");
                    break;
                case FileKind.Directory:
                    List<string> found;
                    try
                    {
                        found = Walk(path, wanted, skipped);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        errors.Add($"cannot read folder `{path}`: {e.Message}");
                        continue;
                    }

                    if (found.Count == 0)
                    {
                        errors.Add($"no {whatFiles} under `{path}`");
                    }

                    files.AddRange(found.Where(f => seen.Add(NativeFiles.RealPath(f))).Select(Display).Order(StringComparer.Ordinal));
                    break;
                default:
                    // A file named directly is read whatever it is (a pipe from the shell, a device), within the size limit.
                    if (seen.Add(NativeFiles.RealPath(path)))
                    {
                        files.Add(Display(path));
                    }

                    break;
            }
        }

        return new FileSearch(files.ToImmutable(), errors.ToImmutable(), skipped.ToImmutable());
    }

    /// <summary>The real path of a file, to tell whether two names are one file.</summary>
    public static string RealPath(string path) => NativeFiles.RealPath(path);

    /// <summary>What <paramref name="path"/> names, following symbolic links unless told not to.</summary>
    public static FileKind KindOf(string path, bool followLinks = true) => NativeFiles.KindOf(path, followLinks);

    /// <summary>A path relative to the working folder when it lies below it, with forward slashes, for stable output.</summary>
    public static string Display(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) ? full : relative;
        return shown.Replace('\\', '/');
    }

    private static List<string> Walk(string root, Func<string, bool> wanted, ImmutableArray<string>.Builder skipped)
    {
        var found = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.TryPop(out var folder))
        {
            if (!visited.Add(NativeFiles.RealPath(folder)))
            {
                continue;
            }

            foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
            {
                var kind = NativeFiles.KindOf(entry, followLinks: true);
                if (kind == FileKind.Directory)
                {
                    pending.Push(entry);
                }
                else if (!wanted(entry))
                {
                    continue;
                }
                else if (kind == FileKind.Regular)
                {
                    found.Add(entry);
                }
                else
                {
                    var what = kind == FileKind.Missing ? "a broken symbolic link" : FileKinds.Describe(kind);
                    skipped.Add($"skipped `{Display(entry)}`: {what}, not a regular file");
                }
            }
        }

        return found;
    }
}
