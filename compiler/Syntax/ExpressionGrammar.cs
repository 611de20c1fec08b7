using Sec08Policy.Compiler.Text;
using Sprache;
using static Sec08Policy.Compiler.Syntax.Tokens;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>
/// Conditions of access rules. Precedence from loosest: <c>or</c>, <c>and</c>, <c>not</c>, comparisons.
/// Chains are folded from <c>Many()</c> (a loop) rather than Sprache's recursive <c>ChainOperator</c>, so a long
/// chain cannot exhaust the stack; parentheses are limited to <see cref="SyntaxFacts.MaxNestingDepth"/>.
/// </summary>
internal static class ExpressionGrammar
{
    [ThreadStatic]
    private static int t_depth;

    internal static readonly Parser<ComparisonOperator> ComparisonOp =
        Symbol("==").Return(ComparisonOperator.Equal)
            .Or(Symbol("!=").Return(ComparisonOperator.NotEqual))
            .Or(Symbol("<=").Return(ComparisonOperator.LessOrEqual))
            .Or(Symbol(">=").Return(ComparisonOperator.GreaterOrEqual))
            .Or(Symbol("<").Return(ComparisonOperator.Less))
            .Or(Symbol(">").Return(ComparisonOperator.Greater));

    private static readonly Parser<(TagScope Scope, TextSpan Span)> Scope =
        Keyword("principal").Select(span => (TagScope.Principal, span))
            .Or(Keyword("resource").Select(span => (TagScope.Resource, span)))
            .Or(Keyword("request").Select(span => (TagScope.Request, span)));

    private static readonly Parser<OperandSyntax> ClassificationReference =
        from resource in Keyword("resource")
        from dot in Symbol(".")
        from classification in Keyword("classification")
        select (OperandSyntax)new ClassificationReferenceSyntax(TextSpan.FromBounds(resource.Start, classification.End));

    private static readonly Parser<(string Key, bool Quoted, TextSpan Span)> TagKey =
        Identifier.Select(id => (id.Text, false, id.Span))
            .Or(StringLiteral.Select(s => (s.Value, true, s.Span)));

    private static readonly Parser<OperandSyntax> TagReference =
        from scope in Scope
        from dot in Symbol(".")
        from tag in Keyword("tag")
        from dot2 in Symbol(".")
        from key in TagKey
        select (OperandSyntax)new TagReferenceSyntax(scope.Scope, key.Key, key.Quoted, TextSpan.FromBounds(scope.Span.Start, key.Span.End));

    /// <summary><c>principal.mfa</c>, <c>request.source_ip</c>: any member other than <c>tag</c>; the binder knows the names.</summary>
    private static readonly Parser<OperandSyntax> ContextReference =
        from scope in Scope
        from dot in Symbol(".")
        from member in Identifier
        where member.Text is not "tag"
        select (OperandSyntax)new ContextReferenceSyntax(scope.Scope, member, TextSpan.FromBounds(scope.Span.Start, member.Span.End));

    private static readonly Parser<OperandSyntax> Literal =
        Keyword("true").Select(span => (OperandSyntax)new BooleanOperandSyntax(true, span))
            .Or(Keyword("false").Select(span => (OperandSyntax)new BooleanOperandSyntax(false, span)))
            .Or(Date.Select(d => (OperandSyntax)new DateOperandSyntax(d, d.Span)))
            .Or(Number.Select(n => (OperandSyntax)new NumberOperandSyntax(n, n.Span)));

    private static readonly Parser<OperandSyntax> NameOperand = input =>
    {
        var result = Identifier!(input);
        if (!result.WasSuccessful)
        {
            return Result.Failure<OperandSyntax>(result.Remainder, result.Message, result.Expectations);
        }

        var id = result.Value!;
        if (SyntaxFacts.IsReservedWord(id.Text) || id.Text is "principal" or "resource" or "request")
        {
            return Expected<OperandSyntax>(input, "value");
        }

        return Result.Success<OperandSyntax>(new NameOperandSyntax(id, id.Span), result.Remainder);
    };

    internal static readonly Parser<OperandSyntax> Operand =
        ClassificationReference
            .Or(TagReference)
            .Or(ContextReference)
            .Or(StringLiteral.Select(s => (OperandSyntax)new StringOperandSyntax(s, s.Span)))
            .Or(Literal)
            .Or(NameOperand)
            .Named("value (principal.tag.X, resource.tag.X, request.tag.X, resource.classification, an attribute such as request.source_ip, a string, a number, a date, true, false or a level)");

    private static readonly Parser<Func<OperandSyntax, ExpressionSyntax>> ComparisonTail =
        from op in ComparisonOp
        from right in Operand
        select (Func<OperandSyntax, ExpressionSyntax>)(left =>
            new ComparisonExpressionSyntax(left, op, right, TextSpan.FromBounds(left.Span.Start, right.Span.End)));

    private static readonly Parser<Func<OperandSyntax, ExpressionSyntax>> InTail =
        from not in Keyword("not").Optional()
        from keyword in Keyword("in")
        from open in Symbol("[")
        from values in Operand.XDelimitedBy(Symbol(","))
        from close in Symbol("]")
        select (Func<OperandSyntax, ExpressionSyntax>)(left =>
            new InExpressionSyntax(left, not.IsDefined, [.. values], TextSpan.FromBounds(left.Span.Start, close.End)));

    private static readonly Parser<ExpressionSyntax> Comparison =
        from left in Operand
        from tail in ComparisonTail.Or(InTail)
        select tail(left);

    private static readonly Parser<ExpressionSyntax> Parenthesized = input =>
    {
        if (t_depth >= SyntaxFacts.MaxNestingDepth)
        {
            return Fail<ExpressionSyntax>(input.Source, input.Position, "SP1009", $"parentheses are nested more than {SyntaxFacts.MaxNestingDepth} deep");
        }

        t_depth++;
        try
        {
            return ParenthesizedBody!(input);
        }
        finally
        {
            t_depth--;
        }
    };

    private static readonly Parser<ExpressionSyntax> ParenthesizedBody =
        from open in Symbol("(")
        from inner in Parse.Ref(() => Expression!)
        from close in Symbol(")")
        select (ExpressionSyntax)new ParenthesizedExpressionSyntax(inner, TextSpan.FromBounds(open.Start, close.End));

    private static readonly Parser<ExpressionSyntax> Primary = Parenthesized.Or(Comparison);

    private static readonly Parser<ExpressionSyntax> Unary =
        from nots in Keyword("not").Many()
        from operand in Primary
        select nots.Reverse().Aggregate(operand, (inner, not) =>
            (ExpressionSyntax)new NotExpressionSyntax(inner, TextSpan.FromBounds(not.Start, inner.Span.End)));

    private static readonly Parser<ExpressionSyntax> Conjunction = LeftChain(Unary, "and", LogicalOperator.And);

    internal static readonly Parser<ExpressionSyntax> Expression = LeftChain(Conjunction, "or", LogicalOperator.Or);

    /// <summary>A whole <c>when</c> or <c>unless</c> condition, within <see cref="SyntaxFacts.MaxConditionOperators"/>.</summary>
    internal static readonly Parser<ExpressionSyntax> Condition = input =>
    {
        var result = Expression(input);
        if (result.WasSuccessful && CountOperators(result.Value) > SyntaxFacts.MaxConditionOperators)
        {
            return Fail<ExpressionSyntax>(input.Source, result.Value.Span.Start, "SP1009",
                $"a condition has more than {SyntaxFacts.MaxConditionOperators:N0} `and`, `or` and `not` operators");
        }

        return result;
    };

    /// <summary>The <c>and</c>, <c>or</c> and <c>not</c> operators of an expression, counted without recursion.</summary>
    private static int CountOperators(ExpressionSyntax expression)
    {
        var count = 0;
        var pending = new Stack<ExpressionSyntax>();
        pending.Push(expression);
        while (pending.TryPop(out var next))
        {
            switch (next)
            {
                case LogicalExpressionSyntax logical:
                    count++;
                    pending.Push(logical.Left);
                    pending.Push(logical.Right);
                    break;
                case NotExpressionSyntax not:
                    count++;
                    pending.Push(not.Operand);
                    break;
                case ParenthesizedExpressionSyntax parenthesized:
                    pending.Push(parenthesized.Inner);
                    break;
            }
        }

        return count;
    }

    private static Parser<ExpressionSyntax> LeftChain(Parser<ExpressionSyntax> operand, string keyword, LogicalOperator op)
    {
        var rest = (from word in Keyword(keyword) from right in operand select right).XMany();
        return operand.Then<ExpressionSyntax, ExpressionSyntax>(first => input =>
        {
            var tail = rest(input);
            if (!tail.WasSuccessful)
            {
                return Result.Failure<ExpressionSyntax>(tail.Remainder, tail.Message, tail.Expectations);
            }

            var operands = tail.Value!.ToList();
            if (operands.Count >= SyntaxFacts.MaxChainLength)
            {
                return Fail<ExpressionSyntax>(input.Source, first.Span.Start, "SP1009", $"a condition chains more than {SyntaxFacts.MaxChainLength} `{keyword}` operands");
            }

            var folded = operands.Aggregate(first, (left, right) =>
                (ExpressionSyntax)new LogicalExpressionSyntax(left, op, right, TextSpan.FromBounds(left.Span.Start, right.Span.End)));
            return Result.Success(folded, tail.Remainder);
        });
    }
}
