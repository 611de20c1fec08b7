using System.Text;

namespace Sec08Policy.Engine.Reporting;

/// <summary>
/// Lines of one section of a report, in the order they were added: in memory up to a bound, then in a temporary file
/// that is deleted when the spool is disposed, so that a section listing millions of findings (a streamed AWS Config
/// snapshot) is not held while the rest of the report is worked out.
/// </summary>
internal sealed class RowSpool : IDisposable
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly int _memoryChars;
    private readonly string? _folder;
    private readonly List<string> _rows = [];
    private int _chars;
    private FileStream? _file;
    private StreamWriter? _writer;
    private bool _noFile;

    /// <param name="memoryChars">How many characters are kept in memory before the rows go to a file.</param>
    /// <param name="folder">Where the file goes; the system's temporary folder when null.</param>
    public RowSpool(int memoryChars = 1 << 19, string? folder = null)
    {
        _memoryChars = memoryChars;
        _folder = folder;
    }

    public bool IsEmpty => _rows.Count == 0 && _file is null;

    /// <summary>The temporary file the rows went to, once they did.</summary>
    internal string? FilePath => _file?.Name;

    public void Add(string row)
    {
        if (_writer is null && (_noFile || _chars + row.Length <= _memoryChars))
        {
            _rows.Add(row);
            _chars += row.Length;
            return;
        }

        if (_writer is null && !Spill())
        {
            _rows.Add(row);
            return;
        }

        _writer!.Write(row);
    }

    /// <summary>Writes every row, in order.</summary>
    public void CopyTo(TextWriter output)
    {
        if (_writer is null)
        {
            foreach (var row in _rows)
            {
                output.Write(row);
            }

            return;
        }

        using var reader = ReadFile();
        var buffer = new char[1 << 16];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, read);
        }
    }

    /// <summary>The rows again, in order, each without <paramref name="end"/>, the character each row ends with.</summary>
    public IEnumerable<string> Rows(char end)
    {
        if (_writer is null)
        {
            foreach (var kept in _rows)
            {
                yield return kept[..^1];
            }

            yield break;
        }

        using var reader = ReadFile();
        var row = new StringBuilder();
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (c == end)
            {
                yield return row.ToString();
                row.Clear();
            }
            else
            {
                row.Append((char)c);
            }
        }
    }

    /// <summary>The file from its start, after what is buffered for it.</summary>
    private StreamReader ReadFile()
    {
        _writer!.Flush();
        _file!.Position = 0;
        return new StreamReader(_file, s_utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _file?.Dispose();
    }

    /// <summary>Moves the rows to a file; false, keeping them in memory from then on, where no file can be made.</summary>
    private bool Spill()
    {
        // A new name in the temporary folder, never an existing file; the system deletes it when it is closed. A
        // system without a writable temporary folder (a container with a read-only root) keeps the rows in memory.
        var path = Path.Combine(_folder ?? Path.GetTempPath(), $"sec08-report-{Guid.NewGuid():N}.rows");
        try
        {
            _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _noFile = true;
            return false;
        }

        _writer = new StreamWriter(_file, s_utf8, 1 << 16);
        foreach (var row in _rows)
        {
            _writer.Write(row);
        }

        _rows.Clear();
        _chars = 0;
        return true;
    }
}
