using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A requirement clause: an optional level scope and an assertion.</summary>
public sealed record ClauseMemberSyntax(LevelConditionSyntax? Condition, AssertionSyntax Assertion, TextSpan Span)
    : MemberSyntax(MemberKind.Clause, Span);
