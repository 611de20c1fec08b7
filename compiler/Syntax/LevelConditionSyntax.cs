using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>The scope of a requirement clause: <c>classification &gt;= confidential:</c>.</summary>
public sealed record LevelConditionSyntax(ComparisonOperator Operator, IdentifierSyntax Level, TextSpan Span) : SyntaxNode(Span);
