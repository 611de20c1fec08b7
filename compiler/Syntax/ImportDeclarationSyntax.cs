using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary><c>import "path"</c>: a path relative to the importing file.</summary>
public sealed record ImportDeclarationSyntax(StringLiteralSyntax Path, TextSpan Span)
    : DeclarationSyntax(DeclarationKind.Import, Span);
