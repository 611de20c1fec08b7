namespace Sec08Policy.Cli;

/// <summary>Standard output could not be written (a full disk, a closed file): the command ends with exit code 3.</summary>
internal sealed class StandardOutputException(IOException inner) : IOException(inner.Message, inner);

/// <summary>
/// Standard output that turns a failed write into <see cref="StandardOutputException"/>, so that a full disk ends the
/// command with one line and exit code 3 rather than looking like a bug. (A closed pipe is no failure: the runtime
/// ignores it on the console, so <c>sec08 eval ... | head</c> ends quietly, as Unix tools do.)
/// </summary>
internal sealed class GuardedWriter(TextWriter inner) : TextWriter
{
    public TextWriter Inner => inner;

    public override System.Text.Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (IOException e) when (e is not StandardOutputException)
        {
            throw new StandardOutputException(e);
        }
    }

    public override void Flush() => Guard(inner.Flush);

    private static void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (IOException e) when (e is not StandardOutputException)
        {
            throw new StandardOutputException(e);
        }
    }
}

/// <summary>The byte stream of standard output, with the same rule as <see cref="GuardedWriter"/>.</summary>
internal sealed class GuardedStream(Stream inner) : WriteOnlyStream
{
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (IOException e) when (e is not StandardOutputException)
        {
            throw new StandardOutputException(e);
        }
    }

    public override void Flush()
    {
        try
        {
            inner.Flush();
        }
        catch (IOException e) when (e is not StandardOutputException)
        {
            throw new StandardOutputException(e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>Standard error that drops what cannot be written: there is nowhere left to report it.</summary>
internal sealed class QuietWriter(TextWriter inner) : TextWriter
{
    public override System.Text.Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Quietly(() => inner.Write(value));

    public override void Write(string? value) => Quietly(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Quietly(() => inner.Write(buffer, index, count));

    public override void Flush() => Quietly(inner.Flush);

    private static void Quietly(Action write)
    {
        try
        {
            write();
        }
        catch (IOException)
        {
            // Standard error is full or gone; the exit code still tells.
        }
    }
}
