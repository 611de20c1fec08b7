namespace Sec08Policy.Compiler.Emit;

/// <summary>Limits for the service control policies (AWS raised both in 2026 in some sources, so they are options), and remediation.</summary>
public sealed record EmitOptions
{
    public int ScpMaxCharacters { get; init; } = 5120;

    public int ScpMaxCount { get; init; } = 5;

    /// <summary>Whether the conformance pack carries remediations, and whether they run by themselves.</summary>
    public RemediationMode Remediation { get; init; } = RemediationMode.None;
}

/// <summary><c>--remediation</c>: none (the default), runbooks started by hand from the Config console, or automatic.</summary>
public enum RemediationMode
{
    None,
    Manual,
    Automatic,
}
