using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>One compliance mapping: <c>pci_dss "3.5.1"</c>.</summary>
public sealed record ComplianceReferenceSyntax(IdentifierSyntax Framework, StringLiteralSyntax Control, TextSpan Span) : SyntaxNode(Span);
