namespace Sec08Policy.Compiler.Emit;

/// <summary>
/// Writes a build's artifacts so that the output folder is either the complete new build or untouched: everything
/// goes to a hidden sibling folder first, which then replaces the old folder in one rename.
/// </summary>
public static class OutputFolder
{
    public static void WriteAtomically(string folder, IEnumerable<Artifact> artifacts)
    {
        var target = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        if (File.Exists(target))
        {
            throw new IOException($"`{folder}` is a file, not a folder");
        }

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
