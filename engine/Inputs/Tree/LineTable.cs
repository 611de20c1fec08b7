namespace Sec08Policy.Engine.Inputs.Tree;

/// <summary>
/// Maps byte offsets to 1-based line and column (in characters). When a large file is read in windows,
/// <see cref="FirstLine"/> and the base offset given to <see cref="Build"/> say where the window starts.
/// </summary>
internal sealed class LineTable
{
    private readonly List<long> _starts;

    private LineTable(List<long> starts, int firstLine)
    {
        _starts = starts;
        FirstLine = firstLine;
    }

    public int FirstLine { get; }

    public static LineTable Build(ReadOnlySpan<byte> bytes, long baseOffset = 0, int firstLine = 1)
    {
        var starts = new List<long> { baseOffset };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                starts.Add(baseOffset + i + 1);
            }
        }

        return new LineTable(starts, firstLine);
    }

    /// <summary>The line and column of <paramref name="index"/> within <paramref name="buffer"/>, which starts at absolute offset <paramref name="bufferOffset"/>.</summary>
    public (int Line, int Column) Position(ReadOnlySpan<byte> buffer, long index, long bufferOffset = 0)
    {
        var absolute = bufferOffset + index;
        var line = _starts.BinarySearch(absolute);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var lineStartInBuffer = (int)Math.Max(0, _starts[line] - bufferOffset);
        var column = System.Text.Encoding.UTF8.GetCharCount(buffer[lineStartInBuffer..(int)index]) + 1;
        return (FirstLine + line, column);
    }
}
