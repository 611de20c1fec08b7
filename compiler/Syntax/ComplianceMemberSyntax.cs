using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary><c>compliance hipaa "164.312(a)(2)(iv)", pci_dss "3.5.1"</c>.</summary>
public sealed record ComplianceMemberSyntax(ImmutableArray<ComplianceReferenceSyntax> References, TextSpan Span)
    : MemberSyntax(MemberKind.Compliance, Span);
