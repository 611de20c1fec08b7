using System.Text;
using Sec08Policy.Engine.Evaluation;

namespace Sec08Policy.Engine.Reporting;

/// <summary>Renders an evaluation in one format, straight into a stream (reports of large inputs run to hundreds of MB).</summary>
public static class Reporter
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(EvaluationResult result, ReportFormat format, Stream output, bool color, string toolVersion, AsffTarget? asff = null)
    {
        switch (format)
        {
            case ReportFormat.Json:
                CompactJsonReporter.Write(result, output);
                break;
            case ReportFormat.JsonV1:
                JsonReporter.Write(result, output);
                break;
            case ReportFormat.Sarif:
                SarifReporter.Write(result, toolVersion, output);
                break;
            case ReportFormat.Asff:
                AsffReporter.Write(result, asff ?? new AsffTarget(null, null), output);
                break;
            case ReportFormat.Junit:
                JunitReporter.Write(result, output);
                break;
            case ReportFormat.Html:
                HtmlReporter.Write(result, output, toolVersion);
                break;
            case ReportFormat.Text:
                using (var text = Text(output))
                {
                    TextReporter.Write(result, color, text);
                }

                break;
            case ReportFormat.Markdown:
                using (var text = Text(output))
                {
                    MarkdownReporter.Write(result, text);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unexpected format");
        }
    }

    /// <summary>A buffered UTF-8 writer over the stream, left open.</summary>
    private static StreamWriter Text(Stream output) => new(output, s_utf8, 1 << 16, leaveOpen: true);
}
