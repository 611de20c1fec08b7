using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A string literal used as an operand.</summary>
public sealed record StringOperandSyntax(StringLiteralSyntax Literal, TextSpan Span) : OperandSyntax(Span);
