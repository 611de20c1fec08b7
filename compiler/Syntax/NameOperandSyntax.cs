using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A bare name used as an operand; the binder resolves it as a classification level.</summary>
public sealed record NameOperandSyntax(IdentifierSyntax Name, TextSpan Span) : OperandSyntax(Span);
