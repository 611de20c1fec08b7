namespace Sec08Policy.Engine.Model;

public sealed record ComplianceReference(string Framework, string Control);
