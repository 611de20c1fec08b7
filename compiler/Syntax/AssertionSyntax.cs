using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>What a requirement clause demands of a resource.</summary>
/// <param name="Key">The key named by <c>encrypted with key NAME</c>.</param>
/// <param name="Days">The period of <c>key rotation within N days</c>.</param>
/// <param name="Values">Regions or tag keys.</param>
public sealed record AssertionSyntax(
    AssertionKind Kind,
    IdentifierSyntax? Key,
    NumberLiteralSyntax? Days,
    ImmutableArray<StringLiteralSyntax> Values,
    TextSpan Span) : SyntaxNode(Span)
{
    /// <summary>Key specs or origins of <c>key spec</c> and <c>key origin</c>.</summary>
    public ImmutableArray<IdentifierSyntax> Names { get; init; } = [];

    /// <summary><c>key spec at least NAME</c> rather than a list of specs.</summary>
    public bool AtLeast { get; init; }
}
