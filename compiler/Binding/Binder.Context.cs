using System.Globalization;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Formatting;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Compiler.Binding;

/// <summary>
/// Comparisons on request and principal attributes (<c>principal.mfa</c>, <c>request.source_ip</c>, ...): the
/// attribute is always on the left after binding, compared with literals of its kind only.
/// </summary>
internal sealed partial class Binder
{
    private static bool IsContextTyped(OperandSyntax operand) =>
        operand is ContextReferenceSyntax or BooleanOperandSyntax or NumberOperandSyntax or DateOperandSyntax;

    private BoundComparison? BindContextComparison(ComparisonExpressionSyntax comparison, MemberSet members)
    {
        var (reference, literal, op) = comparison.Left is ContextReferenceSyntax left
            ? (left, comparison.Right, comparison.Operator)
            : comparison.Right is ContextReferenceSyntax right
                ? (right, comparison.Left, Mirror(comparison.Operator))
                : (null, comparison.Left, comparison.Operator);
        if (reference is null)
        {
            ReportMismatch(members, comparison.Left, "compares two literals; compare an attribute such as `principal.mfa` or `request.time` with it");
            return null;
        }

        var attribute = BindContextReference(reference, members);
        if (attribute is null)
        {
            return null;
        }

        if (SyntaxFacts.IsOrdering(op) && attribute.Kind is not (ContextValueKind.Minutes or ContextValueKind.Instant))
        {
            ReportMismatch(members, comparison, $"orders values, but `{attribute.Name}` is {KindText(attribute.Kind)}; use `==`, `!=`{(attribute.Kind == ContextValueKind.Boolean ? string.Empty : " or `in`")}");
            return null;
        }

        var value = BindContextValue(attribute, literal, members);
        return value is null ? null : new BoundComparison(new BoundContextReference(attribute), op, value, IsLevelComparison: false);
    }

    private BoundInExpression? BindContextIn(InExpressionSyntax expression, MemberSet members)
    {
        if (expression.Operand is not ContextReferenceSyntax reference)
        {
            ReportMismatch(members, expression, "is a list test whose left side is no attribute; put the attribute on the left");
            return null;
        }

        var attribute = BindContextReference(reference, members);
        if (attribute is null)
        {
            return null;
        }

        if (attribute.Kind is not (ContextValueKind.Text or ContextValueKind.Address or ContextValueKind.Arn))
        {
            ReportMismatch(members, expression, $"tests membership, but `{attribute.Name}` is {KindText(attribute.Kind)}; use `==`, `!=`{(attribute.Kind == ContextValueKind.Boolean ? string.Empty : ", `<` or `>`")}");
            return null;
        }

        var values = expression.Values.Select(v => BindContextValue(attribute, v, members)).ToList();
        return values.Any(v => v is null) ? null : new BoundInExpression(new BoundContextReference(attribute), expression.Negated, [.. values!]);
    }

    private Sec08Policy.Engine.Predicates.ContextAttribute? BindContextReference(ContextReferenceSyntax reference, MemberSet members)
    {
        if (ContextAttribute.Find(reference.Name) is { } attribute)
        {
            return attribute;
        }

        var scope = SyntaxFacts.GetText(reference.Scope);
        var known = ContextAttribute.All.Where(a => a.Name.StartsWith(scope + ".", StringComparison.Ordinal)).Select(a => a.Member).ToList();
        var suggestion = NameSuggester.Suggest(reference.Member.Text, known);
        _diagnostics.ReportWithHelp(
            Descriptors.UnknownContextAttribute,
            At(members, reference),
            suggestion is null
                ? $"expected {string.Join(", ", known.Select(k => $"`{scope}.{k}`").Append($"`{scope}.tag.KEY`"))}"
                : $"did you mean `{scope}.{suggestion}`?",
            reference.Name,
            scope);
        return null;
    }

    /// <summary>The literal as the attribute reads it: a Boolean, a number of minutes, a UTC instant, or a checked string.</summary>
    private BoundOperand? BindContextValue(Sec08Policy.Engine.Predicates.ContextAttribute attribute, OperandSyntax literal, MemberSet members)
    {
        switch (attribute.Kind, literal)
        {
            case (ContextValueKind.Boolean, BooleanOperandSyntax b):
                return new BoundContextLiteral(b.Value ? "true" : "false");
            case (ContextValueKind.Minutes, NumberOperandSyntax n) when n.Literal.Value is { } minutes && minutes <= int.MaxValue / 60:
                return new BoundContextLiteral(minutes.ToString(CultureInfo.InvariantCulture));
            case (ContextValueKind.Minutes, NumberOperandSyntax n):
                _diagnostics.Report(Descriptors.MalformedContextValue, At(members, n), n.Literal.Text, "a number of minutes IAM can hold");
                return null;
            case (ContextValueKind.Instant, DateOperandSyntax d):
                if (d.Literal.Value is not { } instant)
                {
                    _diagnostics.Report(Descriptors.InvalidDate, At(members, d), d.Literal.Text);
                    return null;
                }

                return new BoundContextLiteral(instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            case (ContextValueKind.Text or ContextValueKind.Address or ContextValueKind.Arn, StringOperandSyntax s):
                if (ContextValues.Problem(attribute, s.Literal.Value) is { } expected)
                {
                    _diagnostics.Report(Descriptors.MalformedContextValue, At(members, s), s.Literal.Value, expected);
                    return null;
                }

                return new BoundStringLiteral(s.Literal.Value);
            default:
                ReportMismatch(members, literal, $"cannot be compared with `{attribute.Name}`, which is {KindText(attribute.Kind)}");
                return null;
        }
    }

    private void ReportMismatch(MemberSet members, SyntaxNode node, string why)
    {
        var text = node switch
        {
            ExpressionSyntax e => ExpressionPrinter.Print(e),
            OperandSyntax o => ExpressionPrinter.Print(o),
            _ => string.Empty,
        };
        _diagnostics.Report(Descriptors.ContextComparisonMismatch, At(members, node), text, why);
    }

    private static string KindText(ContextValueKind kind) => kind switch
    {
        ContextValueKind.Boolean => "`true` or `false`",
        ContextValueKind.Text => "a string",
        ContextValueKind.Address => "an IP address (compared with CIDR block strings)",
        ContextValueKind.Arn => "an ARN (compared with ARN pattern strings)",
        ContextValueKind.Minutes => "a number of minutes",
        ContextValueKind.Instant => "an instant (compared with a date such as 2027-01-01 or 2027-01-01T12:00:00Z)",
        _ => kind.ToString(),
    };

    private static ComparisonOperator Mirror(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => ComparisonOperator.Greater,
        ComparisonOperator.LessOrEqual => ComparisonOperator.GreaterOrEqual,
        ComparisonOperator.Greater => ComparisonOperator.Less,
        ComparisonOperator.GreaterOrEqual => ComparisonOperator.LessOrEqual,
        _ => op,
    };
}
