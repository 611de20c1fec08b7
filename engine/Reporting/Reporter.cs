using System.Text;
using Sec08Policy.Engine.Evaluation;

namespace Sec08Policy.Engine.Reporting;

/// <summary>Renders an evaluation in one format, straight into a stream (reports of large inputs run to hundreds of MB).</summary>
public static class Reporter
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(EvaluationResult result, ReportFormat format, Stream output, bool color, string toolVersion)
    {
        switch (format)
        {
            case ReportFormat.Json:
                JsonReporter.Write(result, output);
                break;
            case ReportFormat.Sarif:
                SarifReporter.Write(result, toolVersion, output);
                break;
            case ReportFormat.Junit:
                JunitReporter.Write(result, output);
                break;
            case ReportFormat.Text:
                output.Write(s_utf8.GetBytes(TextReporter.Write(result, color)));
                break;
            case ReportFormat.Markdown:
                output.Write(s_utf8.GetBytes(MarkdownReporter.Write(result)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unexpected format");
        }
    }

    public static string Render(EvaluationResult result, ReportFormat format, bool color, string toolVersion)
    {
        using var buffer = new MemoryStream();
        Write(result, format, buffer, color, toolVersion);
        return s_utf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
