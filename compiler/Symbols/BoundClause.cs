using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Symbols;

/// <summary>A requirement clause: the levels it covers (all when <see cref="Scope"/> is null) and its assertion.</summary>
public sealed record BoundClause(LevelScope? Scope, BoundAssertion Assertion, Location Location);
