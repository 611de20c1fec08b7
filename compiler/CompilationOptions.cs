using Sec08Policy.Engine.Catalog;

namespace Sec08Policy.Compiler;

/// <summary>Settings of a compilation. <see cref="Today"/> is injected so that expiry checks are reproducible.</summary>
public sealed record CompilationOptions
{
    /// <summary>The date against which waivers and time-bounded rules expire.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The IAM catalogue to check actions against; the embedded one when null.</summary>
    public IamCatalog? Catalog { get; init; }
}
