namespace Sec08Policy.Compiler.Emit;

/// <summary>Limits for the service control policies; AWS raised both in 2026 in some sources, so they are options.</summary>
public sealed record EmitOptions
{
    public int ScpMaxCharacters { get; init; } = 5120;

    public int ScpMaxCount { get; init; } = 5;
}
