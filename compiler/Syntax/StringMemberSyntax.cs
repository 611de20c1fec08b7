using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A member with one string: <c>owner "team@example.com"</c>.</summary>
public sealed record StringMemberSyntax(MemberKind Kind, StringLiteralSyntax Value, TextSpan Span) : MemberSyntax(Kind, Span);
