using Sec08Policy.Engine.Files;

namespace Sec08Policy.Cli.Commands;

/// <summary>
/// Writes a file completely or not at all: to a temporary file beside it, then renamed over it. Only a new path or a
/// regular file is ever replaced: a symbolic link, a device, a named pipe or a folder named as the output is refused
/// (renaming over it would replace the node itself, such as <c>/dev/null</c>, rather than write to it).
/// </summary>
internal static class OutputFile
{
    private static readonly System.Text.UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAtomically(string path, string content) =>
        WriteAtomically(path, stream => stream.Write(s_utf8.GetBytes(content)));

    public static void WriteAtomically(string path, Action<Stream> write)
    {
        if (WhyNotWritable(path) is { } reason)
        {
            throw new IOException(reason);
        }

        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Why <paramref name="path"/> may not be written as an output, or null when it may (a new path or a regular file).</summary>
    public static string? WhyNotWritable(string path) => FileSearch.KindOf(path, followLinks: false) switch
    {
        FileKind.Missing or FileKind.Regular => null,
        FileKind.Directory => "it is a folder",
        var kind => $"it is {FileKinds.Describe(kind)}, and sec08 replaces only regular files (leave out `-o` to write to standard output)",
    };

    /// <summary>The one name of the file a path would create or replace, to tell whether two outputs are the same file.</summary>
    public static string Identity(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        return folder is null ? full : Path.Combine(FileSearch.RealPath(folder), Path.GetFileName(full));
    }
}
