using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sec08Policy.Engine.Reporting;

namespace Sec08Policy.Compiler.Diagnostics;

/// <summary>
/// Writes diagnostics for people (MSBuild canonical line, source line with carets, help) or for machines (JSON).
/// </summary>
public static class DiagnosticFormatter
{
    private const int MaxShownLineLength = 120;

    /// <summary><c>path(line,col): error SP2003: message</c>, the source line, carets under the span, and help.</summary>
    public static void WriteHuman(TextWriter writer, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            var location = diagnostic.Location;
            var start = location.Start;
            writer.Write($"{location.Path}({start.Line + 1},{start.Character + 1}): {SeverityText(diagnostic.Severity)} {diagnostic.Id}: {diagnostic.Message}\n");
            if (location.Source.Length > 0)
            {
                WriteSnippet(writer, diagnostic);
            }

            if (diagnostic.Help is not null)
            {
                writer.Write($"      = help: {diagnostic.Help}\n");
            }
        }
    }

    /// <summary>One line that counts what was reported.</summary>
    public static string Summary(IReadOnlyCollection<Diagnostic> diagnostics, int fileCount)
    {
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        return $"{Counted.Of(errors, "error")}, {Counted.Of(warnings, "warning")} in {Counted.Of(fileCount, "file")}";
    }

    /// <summary>A JSON array, one object per diagnostic, with 1-based lines and columns.</summary>
    public static void WriteJson(Stream stream, IEnumerable<Diagnostic> diagnostics)
    {
        // Messages quote names in backticks: keep them (and any printable text) as they are, not as \u0060. The
        // output is JSON for tools, never embedded in HTML, where the relaxed encoder would be unsafe.
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartArray();
        foreach (var diagnostic in diagnostics)
        {
            var location = diagnostic.Location;
            json.WriteStartObject();
            json.WriteString("id", diagnostic.Id);
            json.WriteString("severity", SeverityText(diagnostic.Severity));
            json.WriteString("message", diagnostic.Message);
            json.WriteString("file", location.Path);
            json.WriteNumber("start", location.Span.Start);
            json.WriteNumber("length", location.Span.Length);
            json.WriteNumber("line", location.Start.Line + 1);
            json.WriteNumber("column", location.Start.Character + 1);
            json.WriteNumber("endLine", location.End.Line + 1);
            json.WriteNumber("endColumn", location.End.Character + 1);
            if (diagnostic.Help is null)
            {
                json.WriteNull("help");
            }
            else
            {
                json.WriteString("help", diagnostic.Help);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    public static string SeverityText(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "unexpected severity"),
    };

    private static void WriteSnippet(TextWriter writer, Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        var start = location.Start;
        var line = location.Source.GetLineText(start.Line);

        // Show a window of a long line around the column, so a 1 MB line prints as one readable row.
        var from = Math.Max(0, Math.Min(start.Character - (MaxShownLineLength / 2), line.Length - MaxShownLineLength));
        var to = Math.Min(line.Length, from + MaxShownLineLength);
        var shown = Printable(line[from..to]);
        var caretStart = start.Character - from;
        var sameLine = location.End.Line == start.Line;
        var caretLength = Math.Max(1, Math.Min(sameLine ? location.Span.Length : line.Length - start.Character, to - start.Character));
        var number = (start.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        writer.Write($"{number,5} | {(from > 0 ? "..." : string.Empty)}{shown}{(to < line.Length ? "..." : string.Empty)}\n");
        writer.Write($"      | {new string(' ', caretStart + (from > 0 ? 3 : 0))}{new string('^', caretLength)}\n");
    }

    /// <summary>Tabs become spaces and control characters become U+FFFD so carets stay aligned.</summary>
    private static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c == '\t' ? ' ' : char.IsControl(c) ? '\uFFFD' : c);
        }

        return builder.ToString();
    }

}
