namespace Sec08Policy.Compiler.Symbols;

/// <summary>A requirement's reference into a compliance framework, such as PCI DSS 3.5.1.</summary>
public sealed record ComplianceMapping(string Framework, string Control);
