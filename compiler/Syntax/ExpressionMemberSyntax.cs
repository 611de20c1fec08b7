using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary><c>when expr</c> or <c>unless expr</c>.</summary>
public sealed record ExpressionMemberSyntax(MemberKind Kind, ExpressionSyntax Expression, TextSpan Span) : MemberSyntax(Kind, Span);
