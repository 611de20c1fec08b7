namespace Sec08Policy.Engine.Reporting;

public enum ReportFormat
{
    Text,

    /// <summary>The compact JSON report, <c>sec08-eval/2</c>.</summary>
    Json,
    Sarif,
    Junit,
    Markdown,
    Html,
    Asff,

    /// <summary>The JSON report of the previous release, <c>sec08-eval/1</c>, kept for one release.</summary>
    JsonV1,
}
