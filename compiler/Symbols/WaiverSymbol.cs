using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Symbols;

/// <summary>An exception from a requirement for some resources, until it expires.</summary>
public sealed record WaiverSymbol(
    string Name,
    ImmutableArray<string> Resources,
    RequirementSymbol? Requirement,
    string? Reason,
    string? Owner,
    DateOnly? Expires,
    bool IsExpired,
    Location Location) : Symbol(Name, Location);
