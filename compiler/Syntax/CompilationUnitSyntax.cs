using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>The root of a policy file: its declarations in source order.</summary>
public sealed record CompilationUnitSyntax(ImmutableArray<DeclarationSyntax> Declarations, TextSpan Span) : SyntaxNode(Span);
