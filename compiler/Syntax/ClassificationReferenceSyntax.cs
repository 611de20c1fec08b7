using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary><c>resource.classification</c>: the level of the resource under the classification scheme.</summary>
public sealed record ClassificationReferenceSyntax(TextSpan Span) : OperandSyntax(Span);
