using System.Collections.Immutable;

namespace Sec08Policy.Engine.Model;

/// <summary>A customer-managed key the policy declares, as the evaluator and deployers need it.</summary>
public sealed record KeySpec(
    string Name,
    string? Alias,
    ImmutableArray<string> Protects,
    int? RotationDays,
    int? DeletionWindowDays,
    bool MultiRegion,
    SourceOrigin Origin);
