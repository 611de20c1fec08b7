namespace Sec08Policy.Compiler.Symbols;

public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}
