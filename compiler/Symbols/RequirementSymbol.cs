using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Symbols;

public sealed record RequirementSymbol(
    string Name,
    ImmutableArray<string> Services,
    ImmutableArray<BoundClause> Clauses,
    Enforcement Enforcement,
    Severity Severity,
    string? Control,
    ImmutableArray<ComplianceReference> Compliance,
    string? Description,
    string? Remediation,
    Location Location) : Symbol(Name, Location);
