using System.Collections.Immutable;

namespace Sec08Policy.Engine.Model;

/// <summary>An exception from one requirement for resources matching ARN patterns, until the end of its expiry day.</summary>
public sealed record Waiver(
    string Name,
    string Requirement,
    ImmutableArray<string> Resources,
    string? Reason,
    string? Owner,
    DateOnly Expires,
    SourceOrigin Origin);
