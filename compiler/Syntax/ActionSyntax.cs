using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>An IAM action such as <c>s3:GetObject</c> or <c>kms:Generate*</c>, as written.</summary>
public sealed record ActionSyntax(string Text, TextSpan Span) : SyntaxNode(Span);
