namespace Sec08Policy.Compiler.Diagnostics;

/// <summary>The stage that reports a diagnostic; also the thousands digit of its ID.</summary>
public enum DiagnosticCategory
{
    Syntax = 1,
    Binding = 2,
    Emit = 3,
    Lint = 4,
    Internal = 9,
}
