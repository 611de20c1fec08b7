namespace Sec08Policy.Engine.Reporting;

public enum ReportFormat
{
    Text,
    Json,
    Sarif,
    Junit,
    Markdown,
    Html,
}
