namespace Sec08Policy.Engine.Files;

/// <summary>
/// Reads the files a user names without hanging or running out of memory: a named pipe with no writer reads as
/// empty instead of blocking, a folder is refused, and nothing past a size limit is read (so <c>/dev/zero</c> or a
/// compressed bomb ends with <see cref="FileTooLargeException"/>). Regular files, pipes with a writer and devices
/// are read alike.
/// </summary>
public static class SafeFile
{
    /// <summary>Opens a file to read; throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>.</summary>
    public static Stream OpenRead(string path)
    {
        var handle = NativeFiles.OpenForReading(path);
        if (NativeFiles.KindOf(handle) == FileKind.Directory)
        {
            handle.Dispose();
            throw new IOException("it is a folder, not a file");
        }

        return new FileStream(handle, FileAccess.Read, bufferSize: 0);
    }

    /// <summary>The whole file, at most <paramref name="limit"/> bytes.</summary>
    public static byte[] ReadAll(string path, long limit)
    {
        using var stream = OpenRead(path);
        return ReadAll(stream, limit);
    }

    /// <summary>
    /// <paramref name="prefix"/> (bytes already read) and the rest of <paramref name="stream"/>, at most
    /// <paramref name="limit"/> bytes in all, in an array of exactly that size.
    /// </summary>
    public static byte[] ReadAll(Stream stream, long limit, ReadOnlySpan<byte> prefix = default)
    {
        using var bytes = NativeBytes.Read(stream, limit, prefix);
        return bytes.Span.ToArray();
    }

    /// <summary>A stream that throws <see cref="FileTooLargeException"/> once more than <paramref name="limit"/> bytes were read through it.</summary>
    public static Stream Limited(Stream inner, long limit) => new LimitedStream(inner, limit);
}
