using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary><c>principal.tag.team</c>, <c>resource.tag."cost-center"</c>, <c>request.tag.owner</c>.</summary>
public sealed record TagReferenceSyntax(TagScope Scope, string TagKey, bool Quoted, TextSpan Span) : OperandSyntax(Span);
