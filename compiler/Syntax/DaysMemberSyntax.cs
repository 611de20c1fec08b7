using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A member giving a number of days: <c>rotation every 180 days</c>, <c>deletion window 30 days</c>.</summary>
public sealed record DaysMemberSyntax(MemberKind Kind, NumberLiteralSyntax Days, TextSpan Span) : MemberSyntax(Kind, Span);
