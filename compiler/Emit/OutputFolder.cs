using System.Text.Json;
using Sec08Policy.Engine.Files;

namespace Sec08Policy.Compiler.Emit;

/// <summary>
/// Writes a build's artifacts so that the output folder is either the complete new build or untouched: everything
/// goes to a hidden sibling folder first, which then replaces the old folder in one rename. Only a new folder, an
/// empty one or a previous build (recognised by its manifest) is replaced; never the working folder or a folder
/// above it, nor one that holds a source of the build.
/// </summary>
public static class OutputFolder
{
    /// <param name="sources">The files the build read (they must not be inside the folder replaced).</param>
    public static void WriteAtomically(string folder, IEnumerable<Artifact> artifacts, IEnumerable<string> sources)
    {
        if (WhyNotReplaceable(folder, sources) is { } reason)
        {
            throw new IOException(reason);
        }

        var target = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target) ?? throw new IOException($"`{folder}` has no parent folder");
        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(target);
        var staging = Path.Combine(parent, $".{name}.sec08-new-{Guid.NewGuid():N}");
        var previous = Path.Combine(parent, $".{name}.sec08-old-{Guid.NewGuid():N}");
        try
        {
            foreach (var artifact in artifacts)
            {
                var path = Path.Combine(staging, artifact.Path.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, artifact.Content, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }

            Directory.CreateDirectory(staging);
            if (Directory.Exists(target))
            {
                Directory.Move(target, previous);
            }

            try
            {
                Directory.Move(staging, target);
            }
            catch
            {
                if (Directory.Exists(previous))
                {
                    Directory.Move(previous, target);
                }

                throw;
            }
        }
        finally
        {
            DeleteQuietly(staging);
            DeleteQuietly(previous);
        }
    }

    /// <summary>Why the build may not replace <paramref name="folder"/>, or null when it may.</summary>
    public static string? WhyNotReplaceable(string folder, IEnumerable<string> sources)
    {
        var kind = FileSearch.KindOf(folder, followLinks: false);
        if (kind is not (FileKind.Missing or FileKind.Directory))
        {
            return $"it is {FileKinds.Describe(kind)}, not a folder";
        }

        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(full);
        if (parent is null)
        {
            return "it is the root of the file system";
        }

        // By real paths, so that no spelling (`..`, a link in the path) hides what the folder holds.
        var real = kind == FileKind.Missing ? Path.Combine(FileSearch.RealPath(parent), Path.GetFileName(full)) : FileSearch.RealPath(full);
        if (Holds(real, FileSearch.RealPath(Environment.CurrentDirectory)))
        {
            return "it is the working folder or a folder above it";
        }

        if (sources.Where(s => s.Length > 0).FirstOrDefault(source => Holds(real, FileSearch.RealPath(source))) is { } held)
        {
            return $"it holds `{held}`, which this build reads";
        }

        if (kind == FileKind.Missing || !Directory.EnumerateFileSystemEntries(full).Any() || IsBuild(full))
        {
            return null;
        }

        return "it is neither empty nor a previous build (it has no sec08 `manifest.json`); give a new or empty folder";
    }

    private static bool Holds(string folder, string path) =>
        string.Equals(folder, path, StringComparison.Ordinal)
        || path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Whether the folder holds a manifest that a build wrote (its <c>format</c>, the first property, says so).</summary>
    private static bool IsBuild(string folder)
    {
        var manifest = Path.Combine(folder, "manifest.json");
        if (FileSearch.KindOf(manifest, followLinks: false) != FileKind.Regular)
        {
            return false;
        }

        try
        {
            using var stream = SafeFile.OpenRead(manifest);
            var head = new byte[256];
            var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var reader = new Utf8JsonReader(head.AsSpan(0, length), isFinalBlock: false, default);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.ValueTextEquals("format")
                && reader.Read() && reader.TokenType == JsonTokenType.String
                && reader.GetString()!.StartsWith(ManifestWriter.FormatPrefix, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover hidden folder is harmless; the build itself succeeded or failed already.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
