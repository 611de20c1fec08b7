using System.Collections.Immutable;
using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Compiler.Symbols;

/// <summary>What a clause demands: the kind, and the key, rotation period or values it names.</summary>
public sealed record BoundAssertion(AssertionKind Kind, KeySymbol? Key, int? Days, ImmutableArray<string> Values);
