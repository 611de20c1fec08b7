using System.Collections.Immutable;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Formatting;
using Sec08Policy.Compiler.Symbols;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Binding;

internal sealed partial class Binder
{
    private AccessRuleSymbol? BindAccessRule(MemberSet members)
    {
        var declared = Declare(_ruleNames, "rule", members);
        var effect = members.Block.Kind == DeclarationKind.Allow ? AccessEffect.Allow : AccessEffect.Deny;
        RequireMember(members, MemberKind.Actions);

        var actions = BindActions(members);
        var resources = BindResources(members, AwsNames.IsResourcePattern, "resource ARN pattern or `*`");

        var keys = members.Names(MemberKind.Keys).Select(k => LookupKey(k, members)).OfType<KeySymbol>().ToImmutableArray();
        var principals = BindPrincipals(members, MemberKind.Principals);
        var when = BindCondition(members, MemberKind.When);
        var unless = BindCondition(members, MemberKind.Unless);
        if (!keys.IsEmpty)
        {
            CheckKeyPolicyCondition(members, MemberKind.When);
            CheckKeyPolicyCondition(members, MemberKind.Unless);
        }

        var until = BindDate(members, MemberKind.Until);
        var justification = members.String(MemberKind.Justification);
        if (until is not null && justification is null)
        {
            _diagnostics.Report(Descriptors.TemporaryAccessWithoutJustification, members.NameLocation, members.Block.NameText);
        }

        if (until is { } end && end <= new DateTimeOffset(_options.Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))
        {
            _diagnostics.Report(Descriptors.ExpiredAccessRule, members.LocationOf(members.Get<DateMemberSyntax>(MemberKind.Until)!.Value), members.Block.NameText, end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!declared)
        {
            return null;
        }

        return new AccessRuleSymbol(
            members.Block.NameText, effect, actions, resources, principals, keys, when, unless, until,
            justification, members.String(MemberKind.Description), members.NameLocation);
    }

    private ImmutableArray<string> BindActions(MemberSet members)
    {
        var actions = ImmutableArray.CreateBuilder<string>();
        foreach (var action in members.Get<ActionsMemberSyntax>(MemberKind.Actions)?.Actions ?? [])
        {
            var location = At(members, action);
            if (action.Text == "*")
            {
                actions.Add(action.Text);
                continue;
            }

            var parts = action.Text.Split(':');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0 || parts[0].AsSpan().IndexOfAny('*', '?') >= 0)
            {
                _diagnostics.Report(Descriptors.InvalidAction, location, action.Text);
                continue;
            }

            actions.Add(action.Text);
            var service = _catalog.FindService(parts[0]);
            if (service is null)
            {
                var prefix = NameSuggester.Suggest(parts[0], _catalog.ServicePrefixes);
                _diagnostics.ReportWithHelp(Descriptors.UnknownServicePrefix, location, prefix is null ? null : $"did you mean `{prefix}`?", parts[0], action.Text);
                continue;
            }

            if (!service.Match(parts[1]).Any())
            {
                var suggestion = NameSuggester.Suggest(parts[1], service.Actions);
                _diagnostics.ReportWithHelp(
                    Descriptors.UnknownAction,
                    location,
                    suggestion is null ? $"the IAM catalogue is dated {_catalog.DataDate:yyyy-MM-dd}" : $"did you mean `{parts[0]}:{suggestion}`?",
                    action.Text,
                    parts[0]);
            }
        }

        return actions.ToImmutable();
    }

    /// <summary>KMS key policies reject <c>aws:ResourceTag</c>, so a key-policy rule cannot read resource tags.</summary>
    private void CheckKeyPolicyCondition(MemberSet members, MemberKind kind)
    {
        var member = members.Get<ExpressionMemberSyntax>(kind);
        if (member is null)
        {
            return;
        }

        foreach (var operand in Operands(member.Expression))
        {
            if (operand is ClassificationReferenceSyntax or TagReferenceSyntax { Scope: TagScope.Resource })
            {
                _diagnostics.ReportWithHelp(
                    Descriptors.ResourceTagInKeyPolicy,
                    At(members, operand),
                    "remove `keys` to grant the rule in an IAM policy, or condition it on principal or request tags",
                    members.Block.NameText,
                    ExpressionPrinter.Print(operand));
            }
        }
    }

    private static IEnumerable<OperandSyntax> Operands(ExpressionSyntax expression)
    {
        var pending = new Stack<ExpressionSyntax>();
        pending.Push(expression);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case LogicalExpressionSyntax e:
                    pending.Push(e.Right);
                    pending.Push(e.Left);
                    break;
                case NotExpressionSyntax e:
                    pending.Push(e.Operand);
                    break;
                case ParenthesizedExpressionSyntax e:
                    pending.Push(e.Inner);
                    break;
                case ComparisonExpressionSyntax e:
                    yield return e.Left;
                    yield return e.Right;
                    break;
                case InExpressionSyntax e:
                    yield return e.Operand;
                    foreach (var value in e.Values)
                    {
                        yield return value;
                    }

                    break;
            }
        }
    }

    private BoundExpression? BindCondition(MemberSet members, MemberKind kind) =>
        members.Get<ExpressionMemberSyntax>(kind) is { } member ? BindExpression(member.Expression, members) : null;

    private BoundExpression? BindExpression(ExpressionSyntax expression, MemberSet members)
    {
        switch (expression)
        {
            case LogicalExpressionSyntax e:
                {
                    // Left-nested chains can be long: bind them iteratively.
                    var chain = new Stack<LogicalExpressionSyntax>();
                    ExpressionSyntax leftmost = e;
                    while (leftmost is LogicalExpressionSyntax l)
                    {
                        chain.Push(l);
                        leftmost = l.Left;
                    }

                    var result = BindExpression(leftmost, members);
                    while (chain.Count > 0)
                    {
                        var node = chain.Pop();
                        var right = BindExpression(node.Right, members);
                        result = result is null || right is null ? null : new BoundLogicalExpression(result, node.Operator, right);
                    }

                    return result;
                }

            case NotExpressionSyntax e:
                {
                    // A run of `not`s is bound in a loop: runs can be long.
                    var count = 0;
                    ExpressionSyntax inner = e;
                    while (inner is NotExpressionSyntax n)
                    {
                        count++;
                        inner = n.Operand;
                    }

                    var bound = BindExpression(inner, members);
                    for (var i = 0; i < count && bound is not null; i++)
                    {
                        bound = new BoundNotExpression(bound);
                    }

                    return bound;
                }
            case ParenthesizedExpressionSyntax e:
                return BindExpression(e.Inner, members);
            case ComparisonExpressionSyntax e:
                return BindComparison(e, members);
            case InExpressionSyntax e:
                return BindIn(e, members);
            default:
                throw new InvalidOperationException($"unexpected expression {expression.GetType().Name}");
        }
    }

    private BoundComparison? BindComparison(ComparisonExpressionSyntax comparison, MemberSet members)
    {
        if (IsContextTyped(comparison.Left) || IsContextTyped(comparison.Right))
        {
            return BindContextComparison(comparison, members);
        }

        var leftIsLevel = IsLevelTyped(comparison.Left);
        var rightIsLevel = IsLevelTyped(comparison.Right);
        var ordering = SyntaxFacts.IsOrdering(comparison.Operator);
        if (ordering && !leftIsLevel && !rightIsLevel)
        {
            _diagnostics.ReportWithHelp(
                Descriptors.OrderingOnNonLevel,
                At(members, comparison),
                "compare with `resource.classification` or a level name, or use `==`, `!=` or `in`",
                SyntaxFacts.GetText(comparison.Operator));
            return null;
        }

        var levelContext = leftIsLevel || rightIsLevel;
        var left = BindOperand(comparison.Left, members, levelContext, comparison.Right);
        var right = BindOperand(comparison.Right, members, levelContext, comparison.Left);
        return left is null || right is null ? null : new BoundComparison(left, comparison.Operator, right, levelContext);
    }

    private BoundInExpression? BindIn(InExpressionSyntax expression, MemberSet members)
    {
        if (IsContextTyped(expression.Operand) || expression.Values.Any(IsContextTyped))
        {
            return BindContextIn(expression, members);
        }

        var levelContext = IsLevelTyped(expression.Operand) || expression.Values.Any(IsLevelTyped);
        var operand = BindOperand(expression.Operand, members, levelContext, expression.Values[0]);
        var values = expression.Values.Select(v => BindOperand(v, members, levelContext, expression.Operand)).ToList();
        return operand is null || values.Any(v => v is null) ? null : new BoundInExpression(operand, expression.Negated, [.. values!]);
    }

    /// <summary>Level-typed operands: <c>resource.classification</c> and bare names (which can only be levels).</summary>
    private static bool IsLevelTyped(OperandSyntax operand) => operand is ClassificationReferenceSyntax or NameOperandSyntax;

    private BoundOperand? BindOperand(OperandSyntax operand, MemberSet members, bool levelContext, OperandSyntax other)
    {
        switch (operand)
        {
            case TagReferenceSyntax tag:
                if (tag.Scope != TagScope.Request || !tag.TagKey.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                {
                    CheckTagKey(tag.TagKey, At(members, tag));
                }

                return new BoundTagReference(tag.Scope, tag.TagKey);
            case ClassificationReferenceSyntax reference:
                if (_classification is null)
                {
                    _diagnostics.Report(Descriptors.NoClassificationScheme, At(members, reference), "resource.classification");
                    return null;
                }

                return new BoundClassificationReference(_classification.TagKey);
            case NameOperandSyntax name:
                {
                    var rank = BindLevel(name.Name, members, name.Name.Text);
                    return rank < 0 ? null : new BoundLevelLiteral(name.Name.Text, rank);
                }

            case StringOperandSyntax text when levelContext:
                {
                    // A quoted level name is accepted where a level is expected; anything else is a type error.
                    var rank = _classification?.Rank(text.Literal.Value) ?? -1;
                    if (rank >= 0)
                    {
                        return new BoundLevelLiteral(text.Literal.Value, rank);
                    }

                    _diagnostics.Report(Descriptors.LevelComparedWithNonLevel, At(members, text), text.Literal.Value, ExpressionPrinter.Print(other));
                    return null;
                }

            case StringOperandSyntax text:
                return new BoundStringLiteral(text.Literal.Value);
            default:
                throw new InvalidOperationException($"unexpected operand {operand.GetType().Name}");
        }
    }
}
