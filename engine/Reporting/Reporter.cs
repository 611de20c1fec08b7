using Sec08Policy.Engine.Evaluation;

namespace Sec08Policy.Engine.Reporting;

/// <summary>Renders an evaluation in one format.</summary>
public static class Reporter
{
    public static string Render(EvaluationResult result, ReportFormat format, bool color, string toolVersion) => format switch
    {
        ReportFormat.Text => TextReporter.Write(result, color),
        ReportFormat.Json => JsonReporter.Write(result),
        ReportFormat.Sarif => SarifReporter.Write(result, toolVersion),
        ReportFormat.Junit => JunitReporter.Write(result),
        ReportFormat.Markdown => MarkdownReporter.Write(result),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unexpected format"),
    };
}
