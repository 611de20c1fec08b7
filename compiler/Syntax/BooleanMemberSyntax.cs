using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A member with <c>true</c> or <c>false</c>: <c>multi_region true</c>.</summary>
public sealed record BooleanMemberSyntax(MemberKind Kind, bool Value, TextSpan Span) : MemberSyntax(Kind, Span);
