using System.Collections.Immutable;
using System.Globalization;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Engine.Model;

/// <summary>
/// One checkable rule: a requirement clause lowered to a predicate over a resource, with the services and levels
/// it applies to. It is identified by its requirement and its 1-based clause number; <see cref="Id"/> writes them
/// as <c>requirement.N</c>, stable while clauses keep their order.
/// </summary>
public sealed record CompiledRule(
    string Requirement,
    int Clause,
    ImmutableArray<string> Services,
    LevelRange? Levels,
    Predicate Check,
    Severity Severity,
    string? Control,
    ImmutableArray<ComplianceReference> Compliance,
    string Message,
    string? Remediation,
    bool Preventive,
    SourceOrigin Origin)
{
    public string Id { get; } = Requirement + "." + Clause.ToString(CultureInfo.InvariantCulture);
}
