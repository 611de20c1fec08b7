using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A request or principal attribute other than a tag: <c>principal.mfa</c>, <c>request.source_ip</c>.</summary>
public sealed record ContextReferenceSyntax(TagScope Scope, IdentifierSyntax Member, TextSpan Span) : OperandSyntax(Span)
{
    public string Name => $"{SyntaxFacts.GetText(Scope)}.{Member.Text}";
}
