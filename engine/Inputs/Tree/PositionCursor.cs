namespace Sec08Policy.Engine.Inputs.Tree;

/// <summary>
/// Line and column of increasing byte offsets, counted once over the bytes in between: linear in the input however
/// long its lines (Terraform and Config write whole files on one line). Columns count UTF-16 code units, as editors
/// and SARIF do.
/// </summary>
internal sealed class PositionCursor
{
    private long _offset;
    private int _line = 1;
    private int _column = 1;

    /// <summary>Moves to <paramref name="target"/>; <paramref name="buffer"/> holds the bytes from absolute offset <paramref name="bufferOffset"/>.</summary>
    public (int Line, int Column) Advance(ReadOnlySpan<byte> buffer, long bufferOffset, long target)
    {
        if (target <= _offset)
        {
            // Only an error report asks about an earlier place; the last position read is close enough.
            return (_line, _column);
        }

        var bytes = buffer[(int)(_offset - bufferOffset)..(int)(target - bufferOffset)];
        var newline = bytes.LastIndexOf((byte)'\n');
        if (newline >= 0)
        {
            _line += bytes.Count((byte)'\n');
            _column = 1;
            bytes = bytes[(newline + 1)..];
        }

        foreach (var b in bytes)
        {
            if ((b & 0xC0) != 0x80)
            {
                _column += b >= 0xF0 ? 2 : 1; // a four-byte sequence is a surrogate pair
            }
        }

        _offset = target;
        return (_line, _column);
    }
}
