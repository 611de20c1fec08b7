using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A member with a date: <c>expires 2027-03-31</c>, <c>until 2027-01-01T18:00:00Z</c>.</summary>
public sealed record DateMemberSyntax(MemberKind Kind, DateLiteralSyntax Value, TextSpan Span) : MemberSyntax(Kind, Span);
