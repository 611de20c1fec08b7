namespace Sec08Policy.Compiler.Diagnostics;

public enum DiagnosticSeverity
{
    Info,
    Warning,
    Error,
}
