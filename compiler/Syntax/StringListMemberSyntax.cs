using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A member with a comma-separated list of strings: <c>administrators "arn:...", "arn:..."</c>.</summary>
public sealed record StringListMemberSyntax(MemberKind Kind, ImmutableArray<StringLiteralSyntax> Values, TextSpan Span)
    : MemberSyntax(Kind, Span);
