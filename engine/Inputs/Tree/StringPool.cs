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

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The string for UTF-8 bytes without escapes, pooled when short.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxPooledLength];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return Get(chars[..length]);
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
}
