using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sec08Policy.Engine.Files;

/// <summary>
/// A file's bytes outside the garbage-collected heap, freed when disposed. Inputs of hundreds of megabytes are read
/// whole and parsed into far smaller resources: held in an array, their memory stayed with the process for the rest of
/// the run (the collector keeps a large object's pages once it has them); freed here, the run's peak is lower by the
/// file's size. Whoever reads them disposes them once nothing made from them refers to them; after that every index
/// is out of range.
/// </summary>
public sealed unsafe class NativeBytes : MemoryManager<byte>
{
    /// <summary>Huge pages on Linux, where the kernel gives them to memory that asks (transparent huge pages, <c>madvise</c> mode).</summary>
    private const int HugePage = 2 << 20;

    private const int MadviseHugePage = 14;

    private static readonly delegate* unmanaged<void*, nuint, int, int> s_madvise = FindMadvise();

    private readonly nuint _alignment;
    private byte* _start;
    private int _length;

    private NativeBytes(int capacity)
    {
        // A large buffer on huge pages is faulted in 2 MB at a time instead of 4 KB: reading a 60 MB template took a
        // tenth of the run, nearly all of it in page faults, and a hundredth since.
        _alignment = (nuint)(capacity >= HugePage ? HugePage : 64);
        _start = (byte*)NativeMemory.AlignedAlloc((nuint)Math.Max(capacity, 1), _alignment);
        _length = capacity;
        AdviseHugePages(_start, capacity);
    }

    public int Length => _length;

    public ReadOnlySpan<byte> Span => new(_start, _length);

    // Read byte by byte by the YAML reader: inlined, with the throw out of line, it costs what an array's index does.
    public byte this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)_length)
            {
                OutOfRange(index);
            }

            return _start[index];
        }
    }

    public ReadOnlySpan<byte> AsSpan(int start) => Span[start..];

    public ReadOnlySpan<byte> AsSpan(int start, int length) => Span.Slice(start, length);

    /// <summary>A stream over the bytes from <paramref name="start"/>, valid while they are.</summary>
    public Stream OpenStream(int start)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)start, (uint)_length, nameof(start));
        return new UnmanagedMemoryStream(_start + start, _length - start);
    }

    [DoesNotReturn]
    private static void OutOfRange(int index) => throw new ArgumentOutOfRangeException(nameof(index), index, "past the end of the bytes");

    public static NativeBytes Copy(ReadOnlySpan<byte> bytes)
    {
        var copy = new NativeBytes(bytes.Length);
        bytes.CopyTo(new Span<byte>(copy._start, bytes.Length));
        return copy;
    }

    /// <summary>
    /// <paramref name="prefix"/> (bytes already read) and the rest of <paramref name="stream"/>, at most
    /// <paramref name="limit"/> bytes in all; sized exactly when the stream knows its length, else grown as it reads.
    /// </summary>
    public static NativeBytes Read(Stream stream, long limit, ReadOnlySpan<byte> prefix)
    {
        limit = Math.Min(limit, Array.MaxLength);
        var expected = prefix.Length + (stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : 0);
        if (expected > limit)
        {
            throw new FileTooLargeException(limit);
        }

        var bytes = new NativeBytes((int)expected);
        try
        {
            prefix.CopyTo(new Span<byte>(bytes._start, prefix.Length));
            bytes.Fill(stream, prefix.Length, limit);
            return bytes;
        }
        catch
        {
            ((IDisposable)bytes).Dispose();
            throw;
        }
    }

    public override Span<byte> GetSpan() => new(_start, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_start + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        var start = _start;
        _start = null;
        _length = 0;
        NativeMemory.AlignedFree(start);
    }

    private void AdviseHugePages(byte* start, int length)
    {
        if (_alignment == HugePage && s_madvise != null)
        {
            _ = s_madvise(start, (nuint)(length / HugePage * HugePage), MadviseHugePage); // advice only: a refusal changes nothing
        }
    }

    /// <summary>
    /// The C library's <c>madvise</c>, found by its file name (<c>libc.so.6</c>, as glibc names it): the bare name
    /// <c>libc</c> makes the runtime try <c>libc.so</c>, which outside a system with C headers installed is absent or
    /// a linker script. Null where there is none, as on other systems: the buffer then keeps its ordinary pages.
    /// </summary>
    private static delegate* unmanaged<void*, nuint, int, int> FindMadvise()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        foreach (var name in (ReadOnlySpan<string>)["libc.so.6", "libc.so"])
        {
            if (NativeLibrary.TryLoad(name, out var library) && NativeLibrary.TryGetExport(library, "madvise", out var madvise))
            {
                return (delegate* unmanaged<void*, nuint, int, int>)madvise;
            }
        }

        return null;
    }

    /// <summary>Reads the rest of the stream after <paramref name="filled"/> bytes, growing past the expected length for a device or pipe.</summary>
    private void Fill(Stream stream, int filled, long limit)
    {
        var capacity = _length;
        Span<byte> probe = stackalloc byte[1];
        while (true)
        {
            if (filled == capacity)
            {
                // Full: a regular file ends here, but a device or a file under /proc (which reports no length) may not.
                if (stream.Read(probe) == 0)
                {
                    _length = filled;
                    return;
                }

                if (filled + 1 > limit)
                {
                    throw new FileTooLargeException(limit);
                }

                capacity = (int)Math.Min(Math.Max((long)capacity * 2, 16 * 1024), limit);
                _start = (byte*)NativeMemory.AlignedRealloc(_start, (nuint)capacity, _alignment);
                AdviseHugePages(_start, capacity);
                _start[filled++] = probe[0];
            }

            var read = stream.Read(new Span<byte>(_start + filled, capacity - filled));
            if (read == 0)
            {
                _length = filled; // a file that shrank while it was read: only what was read counts
                return;
            }

            filled += read;
        }
    }
}
