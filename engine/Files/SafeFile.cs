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
    /// <paramref name="limit"/> bytes in all, in an array of exactly that size when the stream knows its length.
    /// </summary>
    public static byte[] ReadAll(Stream stream, long limit, ReadOnlySpan<byte> prefix = default)
    {
        limit = Math.Min(limit, Array.MaxLength);
        var expected = prefix.Length + (stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : 0);
        if (expected > limit)
        {
            throw new FileTooLargeException(limit);
        }

        // Not zeroed first: every byte handed out is read from the stream (a short read returns a copy of what was read).
        var buffer = GC.AllocateUninitializedArray<byte>((int)expected);
        prefix.CopyTo(buffer);
        var filled = prefix.Length;
        Span<byte> probe = stackalloc byte[1];
        while (true)
        {
            if (filled == buffer.Length)
            {
                // Full: a regular file ends here, but a device or a file under /proc (which reports no length) may not.
                if (stream.Read(probe) == 0)
                {
                    return buffer;
                }

                if (filled + 1 > limit)
                {
                    throw new FileTooLargeException(limit);
                }

                Array.Resize(ref buffer, (int)Math.Min(Math.Max((long)buffer.Length * 2, 16 * 1024), limit));
                buffer[filled++] = probe[0];
            }

            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                return filled == buffer.Length ? buffer : buffer[..filled];
            }

            filled += read;
        }
    }

    /// <summary>A stream that throws <see cref="FileTooLargeException"/> once more than <paramref name="limit"/> bytes were read through it.</summary>
    public static Stream Limited(Stream inner, long limit) => new LimitedStream(inner, limit);
}
