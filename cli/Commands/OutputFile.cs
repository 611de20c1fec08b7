namespace Sec08Policy.Cli.Commands;

/// <summary>Writes a file completely or not at all: to a temporary file beside it, then renamed over it.</summary>
internal static class OutputFile
{
    private static readonly System.Text.UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAtomically(string path, string content) =>
        WriteAtomically(path, stream => stream.Write(s_utf8.GetBytes(content)));

    public static void WriteAtomically(string path, Action<Stream> write)
    {
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
}
