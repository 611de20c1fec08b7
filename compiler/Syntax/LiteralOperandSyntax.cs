using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary><c>true</c> or <c>false</c> as a value.</summary>
public sealed record BooleanOperandSyntax(bool Value, TextSpan Span) : OperandSyntax(Span);

/// <summary>A whole number as a value (<c>principal.mfa_age &lt;= 60</c>).</summary>
public sealed record NumberOperandSyntax(NumberLiteralSyntax Literal, TextSpan Span) : OperandSyntax(Span);

/// <summary>A date or UTC instant as a value (<c>request.time &lt; 2027-01-01</c>).</summary>
public sealed record DateOperandSyntax(DateLiteralSyntax Literal, TextSpan Span) : OperandSyntax(Span);
