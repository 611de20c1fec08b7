using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sec08Policy.Engine.Reporting;

/// <summary>Runs a Utf8JsonWriter straight into a stream, with LF line ends and a final newline.</summary>
internal static class JsonOutput
{
    /// <summary>What every JSON file sec08 writes uses: indented, LF line ends on every platform, readable text.</summary>
    public static readonly JsonWriterOptions Options = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Stream output, Action<Utf8JsonWriter> write)
    {
        using (var json = new Utf8JsonWriter(output, Options))
        {
            write(json);
        }

        output.WriteByte((byte)'\n');
    }

    /// <summary>A writer over a stream holds everything until flushed; flush as it goes so memory stays flat.</summary>
    public static void FlushNow(Utf8JsonWriter json)
    {
        if (json.BytesPending > 1 << 16)
        {
            json.Flush();
        }
    }
}
