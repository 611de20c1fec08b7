using System.Collections.Immutable;
using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Compiler.Symbols;

/// <summary>What a clause demands: the kind, and the key, rotation period or values it names.</summary>
public sealed record BoundAssertion(AssertionKind Kind, KeySymbol? Key, int? Days, ImmutableArray<string> Values)
{
    /// <summary>The key specs (KMS names) or origins (KMS API names) a key assertion accepts.</summary>
    public ImmutableArray<string> Accepted { get; init; } = [];

    /// <summary>How the policy put it, for messages: <c>at least RSA_3072</c>.</summary>
    public string? Demand { get; init; }
}
