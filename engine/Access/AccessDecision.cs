using System.Collections.Immutable;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Access;

public enum AccessOutcome
{
    /// <summary>Something grants the request and nothing denies it.</summary>
    Allowed,

    /// <summary>A deny rule, a key restriction or a preventive requirement denies the request.</summary>
    ExplicitlyDenied,

    /// <summary>Nothing denies the request, and nothing grants it.</summary>
    ImplicitlyDenied,
}

/// <summary>
/// What decided, in the language's terms: the rule, key or requirement clause (<see cref="Source"/>), the part of it
/// (<see cref="Clause"/>) and where it is declared.
/// </summary>
/// <param name="Source"><c>allow team_data_access</c>, <c>key restricted_objects</c>, <c>encryption_at_rest.1</c>, ...</param>
/// <param name="Clause"><c>when</c>, <c>users</c>, <c>usable via s3</c>, <c>ebs Unencrypted: ...</c>, ...</param>
public sealed record DecidingClause(string Source, string Clause, SourceOrigin? Origin)
{
    public override string ToString() => Origin is null ? $"{Source}: {Clause}" : $"{Source}: {Clause} ({Origin})";
}

/// <summary>The language's answer to a request, with every clause that decided it (none for nothing granting).</summary>
public sealed record AccessDecision(AccessOutcome Outcome, ImmutableArray<DecidingClause> Clauses, string? Reason = null);
