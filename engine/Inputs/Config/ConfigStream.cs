using System.Text.Json;
using Sec08Policy.Engine.Inputs.Tree;

namespace Sec08Policy.Engine.Inputs.Config;

/// <summary>
/// Reads the items of a JSON array one at a time from a stream — the <c>configurationItems</c> of a Config snapshot,
/// or a top-level array of items — keeping only the current item in memory, so a 1 GB snapshot needs a few MB.
/// Line numbers are tracked across the windows read so far.
/// </summary>
internal sealed class ConfigStream
{
    private const int InitialBuffer = 1 << 20;

    private readonly Stream _stream;
    private readonly string _file;
    private readonly string? _property;
    private byte[] _buffer;
    private int _filled;
    private bool _eof;
    private long _bufferOffset;
    private readonly PositionCursor _cursor = new();
    private readonly StringPool _strings = new();
    private readonly ScratchLists _scratch = new();

    /// <summary>The property name sought was read; its value comes next.</summary>
    private bool _atTargetValue;

    /// <summary>The absolute offset up to which the bytes read are known to be good text.</summary>
    private long _checked;

    public ConfigStream(Stream stream, string file, string? property, ReadOnlySpan<byte> alreadyRead)
    {
        _stream = stream;
        _file = file;
        _property = property;
        _buffer = new byte[Math.Max(InitialBuffer, alreadyRead.Length * 2)];
        alreadyRead.CopyTo(_buffer);
        _filled = alreadyRead.Length;
        CheckText();
    }

    public IEnumerable<InputNode> Items()
    {
        using var items = ItemsUnguarded().GetEnumerator();
        while (true)
        {
            InputNode item;
            try
            {
                if (!items.MoveNext())
                {
                    yield break;
                }

                item = items.Current;
            }
            catch (JsonException e)
            {
                // The reader state carries its line count across windows, so the position is the file's.
                throw JsonTreeReader.ToInputException(e, _file);
            }

            yield return item;
        }
    }

    private IEnumerable<InputNode> ItemsUnguarded()
    {
        var state = default(JsonReaderState);
        var consumed = 0;

        // Walk to the start of the array: the whole document, or the value of the named property of the root object.
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(consumed, _filled - consumed), _eof, state);
            var found = SeekArray(ref reader, out var needMore);
            consumed += (int)reader.BytesConsumed;
            state = reader.CurrentState;
            if (found)
            {
                break;
            }

            if (needMore && !Refill(ref consumed))
            {
                throw Problem(consumed, _property is null ? "the file ends before its array" : $"the file has no complete `{_property}` array");
            }
        }

        var pointer = _property is null ? string.Empty : "/" + _property;
        var index = 0;
        while (true)
        {
            var next = NextItem(ref consumed, ref state, pointer + "/" + index);
            if (next is null)
            {
                yield break;
            }

            index++;
            yield return next;
        }
    }

    private bool SeekArray(ref Utf8JsonReader reader, out bool needMore)
    {
        needMore = false;
        while (true)
        {
            // A read that needs more data keeps the white space it passed (and counts its lines), so that white space
            // of any length streams through a buffer of fixed size.
            if (!reader.Read())
            {
                needMore = true;
                return false;
            }

            if (_atTargetValue)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw Problem(reader.TokenStartIndex, $"`{_property}` must be an array");
                }

                return true;
            }

            if (_property is null)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw Problem(reader.TokenStartIndex, "expected a JSON array of configuration items");
                }

                return true;
            }

            if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.StartObject)
            {
                continue;
            }

            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                if (reader.ValueTextEquals(_property))
                {
                    _atTargetValue = true;
                    continue;
                }

                var atName = reader;
                if (!reader.Read())
                {
                    reader = atName;
                    needMore = true;
                    return false;
                }

                if (!reader.TrySkip())
                {
                    reader = atName;
                    needMore = true;
                    return false;
                }
            }
            else if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
            {
                throw Problem(reader.TokenStartIndex, $"the file has no `{_property}` array");
            }
        }
    }

    private InputNode? NextItem(ref int consumed, ref JsonReaderState state, string pointer)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(consumed, _filled - consumed), _eof, state);
            var probe = reader;
            if (!probe.Read())
            {
                // Past the white space read so far (lines counted), so white space of any length needs no larger buffer.
                consumed += (int)probe.BytesConsumed;
                state = probe.CurrentState;
            }
            else
            {
                if (probe.TokenType == JsonTokenType.EndArray)
                {
                    consumed += (int)probe.BytesConsumed;
                    state = probe.CurrentState;
                    return null;
                }

                var whole = probe;
                if (whole.TrySkip())
                {
                    reader.Read();
                    var node = JsonTreeReader.ParseValue(ref reader, _buffer.AsSpan(0, _filled), consumed, _file, pointer, _cursor, _bufferOffset, _strings, _scratch, depth: 2);
                    consumed += (int)reader.BytesConsumed;
                    state = reader.CurrentState;
                    return node;
                }
            }

            if (!Refill(ref consumed))
            {
                throw Problem(consumed, "the file ends in the middle of a configuration item");
            }
        }
    }

    /// <summary>Drops what was consumed, reads more (growing the buffer for a large item); false at the end of the file.</summary>
    private bool Refill(ref int consumed)
    {
        if (_eof)
        {
            return false;
        }

        // The cursor must see the bytes about to be dropped.
        _cursor.Advance(_buffer.AsSpan(0, _filled), _bufferOffset, _bufferOffset + consumed);

        Buffer.BlockCopy(_buffer, consumed, _buffer, 0, _filled - consumed);
        _filled -= consumed;
        _bufferOffset += consumed;
        consumed = 0;
        if (_filled == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int read;
        try
        {
            read = _stream.Read(_buffer, _filled, _buffer.Length - _filled);
        }
        catch (InvalidDataException e)
        {
            var (line, column) = _cursor.Advance(_buffer.AsSpan(0, _filled), _bufferOffset, _bufferOffset);
            throw new InputException(_file, line, column, "the compressed data is corrupt or truncated: " + e.Message);
        }

        _filled += read;
        _eof = read == 0;
        CheckText();
        return true;
    }

    /// <summary>Checks the bytes read since the last check; a character cut off by the end of the buffer waits for the next read.</summary>
    private void CheckText()
    {
        var from = (int)(_checked - _bufferOffset);
        var good = TextCheck.GoodLength(_buffer.AsSpan(from, _filled - from), _eof, out var bad);
        if (bad)
        {
            throw Problem(from + good, TextCheck.Describe(_buffer[from + good]));
        }

        _checked += good;
    }

    private InputException Problem(long indexInBuffer, string message)
    {
        var target = _bufferOffset + Math.Min(indexInBuffer, _filled);
        var (line, column) = _cursor.Advance(_buffer.AsSpan(0, _filled), _bufferOffset, target);
        return new InputException(_file, line, column, message);
    }
}
