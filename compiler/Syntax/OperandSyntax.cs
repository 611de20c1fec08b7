using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A value in a comparison: an attribute reference, a string or a level name.</summary>
public abstract record OperandSyntax(TextSpan Span) : SyntaxNode(Span);
