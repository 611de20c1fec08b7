using System.Globalization;

namespace Sec08Policy.Compiler.Diagnostics;

/// <summary>
/// One entry of the diagnostics catalogue: a stable ID, a default severity and a message format.
/// IDs are never renumbered or reused; see docs/diagnostics.md.
/// </summary>
public sealed record DiagnosticDescriptor(
    string Id,
    string Title,
    string MessageFormat,
    DiagnosticSeverity Severity,
    DiagnosticCategory Category)
{
    public string FormatMessage(params object?[] args) =>
        args.Length == 0 ? MessageFormat : string.Format(CultureInfo.InvariantCulture, MessageFormat, args);
}
