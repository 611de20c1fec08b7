using System.Text;
using Sec08Policy.Engine.Evaluation;

namespace Sec08Policy.Engine.Reporting;

/// <summary>Renders an evaluation in one format, straight into a stream (reports of large inputs run to hundreds of MB).</summary>
public static class Reporter
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Whether a format is written in one listing of the findings, so that it can be written from a <see cref="StreamedEvaluation"/>.</summary>
    /// <summary>
    /// Whether a format lists the findings once, before any count: written from an evaluation that holds no findings,
    /// it evaluates each resource once (the others ask for the counts first, which costs a listing more).
    /// </summary>
    public static bool ListsOnce(ReportFormat format) => format is ReportFormat.Json or ReportFormat.Text or ReportFormat.Markdown or ReportFormat.Junit;

    public static bool Streams(ReportFormat format) => format is ReportFormat.Json or ReportFormat.JsonV1 or ReportFormat.Sarif or ReportFormat.Asff or ReportFormat.Text or ReportFormat.Markdown or ReportFormat.Junit;

    /// <param name="result">An <see cref="EvaluationResult"/>, or for a format that <see cref="Streams"/>, any source.</param>
    public static void Write(IReportSource result, ReportFormat format, Stream output, bool color, string toolVersion, AsffTarget? asff = null)
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
                HtmlReporter.Write(Held(result, format), output, toolVersion);
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

    /// <summary>The evaluation held in memory that a format which lists findings more than once needs.</summary>
    private static EvaluationResult Held(IReportSource result, ReportFormat format) =>
        result as EvaluationResult ?? throw new ArgumentException($"the {format} report needs the whole evaluation in memory", nameof(result));

    /// <summary>A buffered UTF-8 writer over the stream, left open.</summary>
    private static StreamWriter Text(Stream output) => new(output, s_utf8, 1 << 16, leaveOpen: true);
}
