using System.Text;

namespace Sec08Policy.Cli.Commands;

/// <summary>
/// A write-only stream that decodes UTF-8 into a text writer as it comes, so that a report written as bytes goes to
/// standard output (or a test's writer) while it is made, never whole in memory. A character split across two
/// writes is decoded once both halves are in.
/// </summary>
internal sealed class TextWriterStream(TextWriter writer) : WriteOnlyStream
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    private readonly char[] _chars = new char[16 * 1024];

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        do
        {
            _decoder.Convert(buffer, _chars, flush: false, out var bytesUsed, out var charsUsed, out _);
            writer.Write(_chars, 0, charsUsed);
            buffer = buffer[bytesUsed..];
        }
        while (!buffer.IsEmpty);
    }

    public override void Flush() => writer.Flush();
}
