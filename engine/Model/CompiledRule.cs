using System.Collections.Immutable;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Engine.Model;

/// <summary>
/// One checkable rule: a requirement clause lowered to a predicate over a resource, with the services and levels
/// it applies to. <see cref="Id"/> is <c>requirement.N</c> (N = clause number), stable while clauses keep their order.
/// </summary>
public sealed record CompiledRule(
    string Id,
    string Requirement,
    ImmutableArray<string> Services,
    LevelRange? Levels,
    Predicate Check,
    Severity Severity,
    string? Control,
    ImmutableArray<ComplianceReference> Compliance,
    string Message,
    string? Remediation,
    bool Preventive,
    SourceOrigin Origin);
