using System.Buffers.Binary;
using System.Text;

namespace Sec08Policy.Engine.Inputs.Tree;

/// <summary>
/// One string per distinct short text: property names and values such as <c>Type</c>, <c>aws:kms</c> or
/// <c>confidential</c> repeat hundreds of thousands of times in large inputs, and should be allocated once.
/// The pool stops growing at <see cref="MaxEntries"/>: the texts that repeat show up early, and a pool that also kept
/// every unique ID and timestamp of a streamed snapshot would hold the whole file's worth of them to the end.
/// </summary>
internal sealed class StringPool
{
    private const int MaxPooledLength = 64;

    private const int MaxEntries = 16_384;

    private const int RecentSlots = 1024;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly string?[] _recent = new string?[RecentSlots];

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The string for UTF-8 bytes without escapes, pooled when short.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        // The same few keys and values follow each other all through a large input: look at the last string seen in
        // this slot before decoding the bytes and hashing them again for the pool.
        var slot = (int)(Slot(utf8) & (RecentSlots - 1));
        if (_recent[slot] is { } recent && IsAscii(recent, utf8))
        {
            return recent;
        }

        Span<char> chars = stackalloc char[MaxPooledLength];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return _recent[slot] = Get(chars[..length]);
    }

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxPooledLength)
        {
            return text.ToString();
        }

        if (_lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        var created = text.ToString();
        if (_strings.Count < MaxEntries)
        {
            _strings[created] = created;
        }

        return created;
    }

    public string Get(string text) => text.Length > MaxPooledLength ? text : Get(text.AsSpan());

    /// <summary>A cheap hash of the first and last bytes and the length; a collision only costs a comparison.</summary>
    private static uint Slot(ReadOnlySpan<byte> utf8)
    {
        ulong head = 0, tail = 0;
        if (utf8.Length >= 8)
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(utf8);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(utf8[^8..]);
        }
        else
        {
            foreach (var b in utf8)
            {
                head = (head << 8) | b;
            }
        }

        var mixed = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)utf8.Length;
        return (uint)(mixed >> 32) ^ (uint)mixed;
    }

    /// <summary>Whether <paramref name="text"/> is the ASCII these bytes spell (other text is simply looked up in the pool).</summary>
    private static bool IsAscii(string text, ReadOnlySpan<byte> utf8)
    {
        if (text.Length != utf8.Length)
        {
            return false;
        }

        for (var i = 0; i < utf8.Length; i++)
        {
            if (text[i] != utf8[i] || utf8[i] >= 0x80)
            {
                return false;
            }
        }

        return true;
    }
}
