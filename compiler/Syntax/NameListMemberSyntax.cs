using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>
/// A member with one or more names: <c>protects confidential, restricted</c>, <c>levels a &lt; b</c>,
/// <c>severity high</c>.
/// </summary>
public sealed record NameListMemberSyntax(MemberKind Kind, ImmutableArray<IdentifierSyntax> Names, TextSpan Span)
    : MemberSyntax(Kind, Span);
