using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Compiler.Formatting;

/// <summary>Prints an expression on one line, exactly as its tree says (parentheses only where written).</summary>
public static class ExpressionPrinter
{
    public static string Print(ExpressionSyntax expression) => expression switch
    {
        LogicalExpressionSyntax e => $"{Print(e.Left)} {SyntaxFacts.GetText(e.Operator)} {Print(e.Right)}",
        NotExpressionSyntax e => $"not {Print(e.Operand)}",
        ParenthesizedExpressionSyntax e => $"({Print(e.Inner)})",
        ComparisonExpressionSyntax e => $"{Print(e.Left)} {SyntaxFacts.GetText(e.Operator)} {Print(e.Right)}",
        InExpressionSyntax e => $"{Print(e.Operand)} {(e.Negated ? "not in" : "in")} [{string.Join(", ", e.Values.Select(Print))}]",
        _ => throw new InvalidOperationException($"unexpected expression {expression.GetType().Name}"),
    };

    public static string Print(OperandSyntax operand) => operand switch
    {
        TagReferenceSyntax t => $"{SyntaxFacts.GetText(t.Scope)}.tag.{(t.Quoted ? PolicyFormatter.Quote(t.TagKey) : t.TagKey)}",
        ClassificationReferenceSyntax => "resource.classification",
        StringOperandSyntax s => PolicyFormatter.Quote(s.Literal.Value),
        NameOperandSyntax n => n.Name.Text,
        _ => throw new InvalidOperationException($"unexpected operand {operand.GetType().Name}"),
    };
}
