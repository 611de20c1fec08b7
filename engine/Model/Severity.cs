namespace Sec08Policy.Engine.Model;

public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}
