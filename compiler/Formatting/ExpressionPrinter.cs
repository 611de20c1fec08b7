using System.Text;
using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Compiler.Formatting;

/// <summary>
/// Prints an expression on one line, exactly as its tree says (parentheses only where written). Chains of
/// <c>and</c>/<c>or</c> and runs of <c>not</c> are printed in loops, so only parentheses nest calls.
/// </summary>
public static class ExpressionPrinter
{
    public static string Print(ExpressionSyntax expression)
    {
        var text = new StringBuilder();
        Print(expression, text);
        return text.ToString();
    }

    private static void Print(ExpressionSyntax expression, StringBuilder text)
    {
        switch (expression)
        {
            case LogicalExpressionSyntax logical:
                {
                    var chain = new Stack<LogicalExpressionSyntax>();
                    ExpressionSyntax leftmost = logical;
                    while (leftmost is LogicalExpressionSyntax l)
                    {
                        chain.Push(l);
                        leftmost = l.Left;
                    }

                    Print(leftmost, text);
                    while (chain.TryPop(out var node))
                    {
                        text.Append(' ').Append(SyntaxFacts.GetText(node.Operator)).Append(' ');
                        Print(node.Right, text);
                    }

                    break;
                }

            case NotExpressionSyntax not:
                {
                    ExpressionSyntax inner = not;
                    while (inner is NotExpressionSyntax n)
                    {
                        text.Append("not ");
                        inner = n.Operand;
                    }

                    Print(inner, text);
                    break;
                }

            case ParenthesizedExpressionSyntax e:
                text.Append('(');
                Print(e.Inner, text);
                text.Append(')');
                break;
            case ComparisonExpressionSyntax e:
                text.Append(Print(e.Left)).Append(' ').Append(SyntaxFacts.GetText(e.Operator)).Append(' ').Append(Print(e.Right));
                break;
            case InExpressionSyntax e:
                text.Append(Print(e.Operand)).Append(e.Negated ? " not in [" : " in [").AppendJoin(", ", e.Values.Select(Print)).Append(']');
                break;
            default:
                throw new InvalidOperationException($"unexpected expression {expression.GetType().Name}");
        }
    }

    public static string Print(OperandSyntax operand) => operand switch
    {
        TagReferenceSyntax t => $"{SyntaxFacts.GetText(t.Scope)}.tag.{(t.Quoted ? PolicyFormatter.Quote(t.TagKey) : t.TagKey)}",
        ClassificationReferenceSyntax => "resource.classification",
        StringOperandSyntax s => PolicyFormatter.Quote(s.Literal.Value),
        NameOperandSyntax n => n.Name.Text,
        ContextReferenceSyntax c => c.Name,
        BooleanOperandSyntax b => b.Value ? "true" : "false",
        NumberOperandSyntax n => n.Literal.Text,
        DateOperandSyntax d => d.Literal.Text,
        _ => throw new InvalidOperationException($"unexpected operand {operand.GetType().Name}"),
    };
}
