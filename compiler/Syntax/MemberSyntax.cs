using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>One member line of a block, such as <c>alias "alias/acme/data"</c>.</summary>
public abstract record MemberSyntax(MemberKind Kind, TextSpan Span) : SyntaxNode(Span);
