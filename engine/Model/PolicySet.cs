using System.Collections.Immutable;

namespace Sec08Policy.Engine.Model;

/// <summary>The compiled policy the evaluator runs: no syntax, no compiler types, only what evaluation needs.</summary>
public sealed record PolicySet(
    string? Name,
    ClassificationScheme? Classification,
    ImmutableArray<KeySpec> Keys,
    ImmutableArray<CompiledRule> Rules,
    ImmutableArray<AccessRule> AccessRules,
    ImmutableArray<Waiver> Waivers);
