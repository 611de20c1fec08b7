using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>
/// A declaration with a header and a braced block of members: <c>key name { ... }</c>,
/// <c>require name for s3, ebs { ... }</c>, <c>policy "name" { ... }</c>.
/// </summary>
public sealed record BlockDeclarationSyntax(
    DeclarationKind Kind,
    SyntaxNode Name,
    ImmutableArray<IdentifierSyntax> Services,
    ImmutableArray<MemberSyntax> Members,
    TextSpan OpenBrace,
    TextSpan CloseBrace,
    TextSpan Span) : DeclarationSyntax(Kind, Span)
{
    /// <summary>The declared name as text (string literal value or identifier).</summary>
    public string NameText => Name switch
    {
        IdentifierSyntax id => id.Text,
        StringLiteralSyntax s => s.Value,
        _ => throw new InvalidOperationException($"unexpected name node {Name.GetType().Name}"),
    };

    /// <summary>The header, from the keyword to the opening brace inclusive.</summary>
    public TextSpan HeaderSpan => TextSpan.FromBounds(Span.Start, OpenBrace.End);
}
