using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A top-level declaration.</summary>
public abstract record DeclarationSyntax(DeclarationKind Kind, TextSpan Span) : SyntaxNode(Span);
