using System.Collections.Immutable;
using Sec08Policy.Compiler.Binding;
using Sec08Policy.Compiler.Symbols;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Compiler.Lowering;

/// <summary>
/// Lowers a bound access condition into predicates in negation normal form: <c>not</c> is pushed down to the atoms
/// (De Morgan), string atoms flip to their negated form, and level comparisons are expanded into the sets of levels
/// they accept. Level atoms of deny rules fail closed: a missing or unrecognised level makes them match.
/// </summary>
internal sealed class ConditionLowerer(ClassificationSymbol? scheme, bool failClosed)
{
    private readonly ImmutableArray<string> _levels = scheme?.Levels ?? [];

    public Predicate Lower(BoundExpression expression, bool negate = false)
    {
        switch (expression)
        {
            case BoundLogicalExpression logical:
                {
                    // Flatten a left-nested chain of the same operator iteratively; chains can be long.
                    var operands = new List<BoundExpression>();
                    BoundExpression current = logical;
                    while (current is BoundLogicalExpression l && l.Operator == logical.Operator)
                    {
                        operands.Add(l.Right);
                        current = l.Left;
                    }

                    operands.Add(current);
                    operands.Reverse();
                    var lowered = operands.Select(o => Lower(o, negate)).ToImmutableArray();
                    var isAnd = (logical.Operator == LogicalOperator.And) != negate;
                    return isAnd ? new AndPredicate(lowered) : new OrPredicate(lowered);
                }

            case BoundNotExpression not:
                {
                    // A run of `not`s flips the sense once per `not`, in a loop: runs can be long.
                    BoundExpression inner = not;
                    while (inner is BoundNotExpression n)
                    {
                        negate = !negate;
                        inner = n.Operand;
                    }

                    return Lower(inner, negate);
                }
            case BoundComparison { Left: BoundContextReference context } comparison:
                return LowerContextComparison(context.Attribute, comparison.Operator, comparison.Right, negate);
            case BoundInExpression { Operand: BoundContextReference context } @in:
                return Exempt(
                    context.Attribute,
                    new InPredicate(new ContextOperand(context.Attribute), [.. @in.Values.Select(ToOperand)], @in.Negated != negate));
            case BoundComparison { IsLevelComparison: true } comparison:
                return LowerLevelComparison(comparison.Left, negate ? Complement(comparison.Operator) : comparison.Operator, comparison.Right);
            case BoundComparison comparison:
                return new EqualsPredicate(ToOperand(comparison.Left), ToOperand(comparison.Right), (comparison.Operator == ComparisonOperator.NotEqual) != negate);
            case BoundInExpression @in when IsLevelOperand(@in.Operand) || @in.Values.Any(IsLevelOperand):
                {
                    // A level in a list is a disjunction of level equalities; `not in` is their conjunction of inequalities.
                    var negated = @in.Negated != negate;
                    var op = negated ? ComparisonOperator.NotEqual : ComparisonOperator.Equal;
                    var atoms = @in.Values.Select(v => LowerLevelComparison(@in.Operand, op, v)).ToImmutableArray();
                    return negated ? new AndPredicate(atoms) : new OrPredicate(atoms);
                }

            case BoundInExpression @in:
                return new InPredicate(ToOperand(@in.Operand), [.. @in.Values.Select(ToOperand)], @in.Negated != negate);
            default:
                throw new InvalidOperationException($"unexpected bound expression {expression.GetType().Name}");
        }
    }

    /// <summary>
    /// A comparison on a request or principal attribute. As for tags, a comparison is false on a missing attribute and
    /// its negation true; numbers and instants keep that in <see cref="OrderPredicate.MatchMissing"/>.
    /// </summary>
    private static Predicate LowerContextComparison(ContextAttribute attribute, ComparisonOperator op, BoundOperand right, bool negate)
    {
        var value = right switch
        {
            BoundContextLiteral literal => literal.Value,
            BoundStringLiteral literal => literal.Value,
            _ => throw new InvalidOperationException($"unexpected attribute value {right.GetType().Name}"),
        };
        if (attribute.Kind is ContextValueKind.Minutes or ContextValueKind.Instant)
        {
            var matchMissing = (op == ComparisonOperator.NotEqual) != negate;
            var relation = negate ? Complement(op) : op;
            return new OrderPredicate(new ContextOperand(attribute), ToOrdering(relation), value, matchMissing);
        }

        var negated = (op == ComparisonOperator.NotEqual) != negate;
        return Exempt(attribute, new EqualsPredicate(new ContextOperand(attribute), new StringOperand(value), negated));
    }

    /// <summary>
    /// A negated test on a network or identity attribute holds only for requests the principal makes itself: not for an
    /// AWS service principal, and not for a request an AWS service makes on the principal's behalf, whose network
    /// attributes are absent or the service's own. So <c>deny ... when request.vpc_endpoint not in [...]</c> does not
    /// refuse what S3 or CloudFormation do for the principal.
    /// </summary>
    private static Predicate Exempt(ContextAttribute attribute, Predicate atom)
    {
        var negated = atom switch
        {
            EqualsPredicate e => e.Negated,
            InPredicate i => i.Negated,
            _ => false,
        };
        if (!negated || attribute.Exemption == ServiceExemption.None)
        {
            return atom;
        }

        var conjuncts = ImmutableArray.CreateBuilder<Predicate>();
        conjuncts.Add(atom);
        if (attribute.Exemption.HasFlag(ServiceExemption.ServicePrincipal))
        {
            conjuncts.Add(new EqualsPredicate(new ContextOperand(ContextAttribute.PrincipalIsAwsService), new StringOperand("true"), Negated: true));
        }

        if (attribute.Exemption.HasFlag(ServiceExemption.ViaService))
        {
            conjuncts.Add(new EqualsPredicate(new ContextOperand(ContextAttribute.ViaAwsService), new StringOperand("true"), Negated: true));
        }

        return new AndPredicate(conjuncts.ToImmutable());
    }

    private static Ordering ToOrdering(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => Ordering.Equal,
        ComparisonOperator.NotEqual => Ordering.NotEqual,
        ComparisonOperator.Less => Ordering.Less,
        ComparisonOperator.LessOrEqual => Ordering.LessOrEqual,
        ComparisonOperator.Greater => Ordering.Greater,
        ComparisonOperator.GreaterOrEqual => Ordering.GreaterOrEqual,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unexpected operator"),
    };

    private static bool IsLevelOperand(BoundOperand operand) => operand is BoundLevelLiteral or BoundClassificationReference;

    private Predicate LowerLevelComparison(BoundOperand left, ComparisonOperator op, BoundOperand right)
    {
        switch (left, right)
        {
            case (BoundLevelLiteral a, BoundLevelLiteral b):
                return new ConstantPredicate(SyntaxFacts.Holds(a.Rank, op, b.Rank));
            case (BoundClassificationReference, BoundClassificationReference):
                return new ConstantPredicate(op is ComparisonOperator.Equal or ComparisonOperator.LessOrEqual or ComparisonOperator.GreaterOrEqual);
            case (_, BoundLevelLiteral literal):
                return LevelIn(left, rank => SyntaxFacts.Holds(rank, op, literal.Rank));
            case (BoundLevelLiteral literal, _):
                return LevelIn(right, rank => SyntaxFacts.Holds(literal.Rank, op, rank));
            case (BoundClassificationReference, _):
                return ExpandAgainstClassification(right, (classification, other) => SyntaxFacts.Holds(classification, op, other));
            case (_, BoundClassificationReference):
                return ExpandAgainstClassification(left, (classification, other) => SyntaxFacts.Holds(other, op, classification));
            default:
                throw new InvalidOperationException($"level comparison between {left.GetType().Name} and {right.GetType().Name}");
        }
    }

    /// <summary>One disjunct per level the resource may have: that level, and the other side in the levels it allows.</summary>
    private OrPredicate ExpandAgainstClassification(BoundOperand other, Func<int, int, bool> holds)
    {
        var disjuncts = ImmutableArray.CreateBuilder<Predicate>();
        for (var rank = 0; rank < _levels.Length; rank++)
        {
            var classificationRank = rank;
            var otherSide = LevelIn(other, r => holds(classificationRank, r));
            if (otherSide.Levels.IsEmpty && !otherSide.MatchUnknown)
            {
                continue;
            }

            disjuncts.Add(new AndPredicate([ClassificationIn([_levels[rank]]), otherSide]));
        }

        return new OrPredicate(disjuncts.ToImmutable());
    }

    private LevelInPredicate LevelIn(BoundOperand operand, Func<int, bool> accepts)
    {
        var levels = _levels.Where((_, rank) => accepts(rank)).ToImmutableArray();
        return operand switch
        {
            BoundClassificationReference => ClassificationIn(levels),
            BoundTagReference tag => new LevelInPredicate(new TagOperand(ToScope(tag.Scope), tag.TagKey), levels, IsClassification: false, failClosed),
            _ => throw new InvalidOperationException($"unexpected level operand {operand.GetType().Name}"),
        };
    }

    private LevelInPredicate ClassificationIn(ImmutableArray<string> levels) =>
        new(new TagOperand(AttributeScope.Resource, scheme!.TagKey), levels, IsClassification: true, failClosed);

    private static Operand ToOperand(BoundOperand operand) => operand switch
    {
        BoundTagReference tag => new TagOperand(ToScope(tag.Scope), tag.TagKey),
        BoundStringLiteral literal => new StringOperand(literal.Value),
        BoundLevelLiteral level => new StringOperand(level.Level),
        _ => throw new InvalidOperationException($"unexpected operand {operand.GetType().Name}"),
    };

    private static AttributeScope ToScope(TagScope scope) => scope switch
    {
        TagScope.Principal => AttributeScope.Principal,
        TagScope.Resource => AttributeScope.Resource,
        TagScope.Request => AttributeScope.Request,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "unexpected scope"),
    };

    private static ComparisonOperator Complement(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => ComparisonOperator.NotEqual,
        ComparisonOperator.NotEqual => ComparisonOperator.Equal,
        ComparisonOperator.Less => ComparisonOperator.GreaterOrEqual,
        ComparisonOperator.LessOrEqual => ComparisonOperator.Greater,
        ComparisonOperator.Greater => ComparisonOperator.LessOrEqual,
        ComparisonOperator.GreaterOrEqual => ComparisonOperator.Less,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unexpected operator"),
    };
}
