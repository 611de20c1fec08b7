using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>The base of every node of the immutable syntax tree. Spans exclude surrounding whitespace and comments.</summary>
public abstract record SyntaxNode(TextSpan Span);
