using System.Collections.Immutable;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Compiler.Emit.Iam;

/// <summary>
/// Turns an access condition (in negation normal form) into IAM conditions: disjunctive normal form, one statement per
/// disjunct, because IAM ANDs everything inside one statement and ORs only across statements.
/// </summary>
internal sealed class IamConditionLowering(ClassificationScheme? scheme)
{
    /// <summary>More disjuncts than this means the condition cannot become a reasonable policy.</summary>
    public const int MaxStatements = 64;

    private readonly ImmutableArray<string> _levels = scheme?.Levels ?? [];

    /// <summary>The alternatives (each a conjunction of entries); empty when the condition can never hold.</summary>
    public ImmutableArray<ImmutableArray<ConditionEntry>> ToAlternatives(Predicate predicate)
    {
        var alternatives = Dnf(predicate);
        return [.. alternatives.Select(a => a.ToImmutableArray())];
    }

    private List<List<ConditionEntry>> Dnf(Predicate predicate)
    {
        switch (predicate)
        {
            case ConstantPredicate constant:
                return constant.Value ? [[]] : [];
            case OrPredicate or:
                {
                    var result = new List<List<ConditionEntry>>();
                    foreach (var operand in or.Operands)
                    {
                        result.AddRange(Dnf(operand));
                        Guard(result.Count);
                    }

                    return result;
                }

            case AndPredicate and:
                {
                    List<List<ConditionEntry>> result = [[]];
                    foreach (var operand in and.Operands)
                    {
                        var right = Dnf(operand);
                        result = [.. result.SelectMany(l => right.Select(r => l.Concat(r).ToList()))];
                        Guard(result.Count);
                    }

                    return result;
                }

            case EqualsPredicate { Left: ContextOperand context } equals:
                return [[ContextTest(context.Attribute, [equals.Right], equals.Negated)]];
            case InPredicate { Operand: ContextOperand context } @in:
                return [[ContextTest(context.Attribute, @in.Values, @in.Negated)]];
            case OrderPredicate order:
                return [OrderTest(order)];
            case EqualsPredicate equals:
                return Equality(equals.Left, [equals.Right], equals.Negated);
            case InPredicate @in:
                return Equality(@in.Operand, @in.Values, @in.Negated);
            case LevelInPredicate level:
                return LevelIn(level);
            case NotPredicate:
                throw new IamLoweringException("a negation that is not on a comparison (conditions reach IAM in negation normal form)");
            default:
                throw new IamLoweringException($"`{predicate.GetType().Name}` is not an access condition");
        }
    }

    /// <summary>
    /// An attribute in a list of literals, with the operator of its kind. The negated operators are true on an absent
    /// key, as the language's <c>!=</c> and <c>not in</c> are; a Boolean's negation is <c>BoolIfExists</c> on the other
    /// value, which is true when the key is absent or holds that value.
    /// </summary>
    private static ConditionEntry ContextTest(ContextAttribute attribute, ImmutableArray<Operand> values, bool negated)
    {
        var literals = values.Select(v => v is StringOperand s ? s.Value : throw new IamLoweringException($"`{attribute.Name}` is compared with something other than a literal")).ToList();
        switch (attribute.Kind)
        {
            case ContextValueKind.Boolean:
                var value = literals.Single() == "true";
                return negated
                    ? new ConditionEntry("BoolIfExists", attribute.IamKey, [value ? "false" : "true"])
                    : new ConditionEntry("Bool", attribute.IamKey, [value ? "true" : "false"]);
            default:
                var op = attribute.Kind switch
                {
                    ContextValueKind.Address => negated ? "NotIpAddress" : "IpAddress",
                    ContextValueKind.Arn => negated ? "ArnNotLike" : "ArnLike",
                    _ => negated ? "StringNotEquals" : "StringEquals",
                };
                return new ConditionEntry(op, attribute.IamKey, [.. literals.Distinct().Order(StringComparer.Ordinal)]);
        }
    }

    /// <summary>
    /// A number of minutes (sent in seconds) or an instant compared with a literal. <c>...IfExists</c> makes the test
    /// true on an absent key where the language's comparison holds on a missing value; a <c>!=</c> that must not hold
    /// on a missing value adds <c>Null false</c>.
    /// </summary>
    private static List<ConditionEntry> OrderTest(OrderPredicate order)
    {
        var attribute = order.Operand.Attribute;
        var family = attribute.Kind == ContextValueKind.Minutes ? "Numeric" : "Date";
        var value = attribute.Kind == ContextValueKind.Minutes
            ? (long.Parse(order.Value, System.Globalization.CultureInfo.InvariantCulture) * 60).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : order.Value;
        var op = family + order.Relation switch
        {
            Ordering.Equal => "Equals",
            Ordering.NotEqual => "NotEquals",
            Ordering.Less => "LessThan",
            Ordering.LessOrEqual => "LessThanEquals",
            Ordering.Greater => "GreaterThan",
            _ => "GreaterThanEquals",
        };
        if (order.Relation == Ordering.NotEqual)
        {
            return order.MatchMissing
                ? [new ConditionEntry(op, attribute.IamKey, [value])]
                : [new ConditionEntry(op, attribute.IamKey, [value]), new ConditionEntry("Null", attribute.IamKey, ["false"])];
        }

        return [new ConditionEntry(order.MatchMissing ? op + "IfExists" : op, attribute.IamKey, [value])];
    }

    private static void Guard(int count)
    {
        if (count > MaxStatements)
        {
            throw new IamLoweringException($"it expands to more than {MaxStatements} statements; simplify the `or`s or level comparisons");
        }
    }

    /// <summary><c>operand == v1 or ... vn</c> (or the negation): one String(Not)Equals entry.</summary>
    private static List<List<ConditionEntry>> Equality(Operand operand, ImmutableArray<Operand> values, bool negated)
    {
        if (operand is StringOperand literal)
        {
            if (values.All(v => v is StringOperand))
            {
                var matches = values.Any(v => ((StringOperand)v).Value == literal.Value);
                return matches != negated ? [[]] : [];
            }

            if (values is [TagOperand single])
            {
                return Equality(single, [literal], negated);
            }

            throw new IamLoweringException("a string compared with a list of tags has no IAM condition; put the tag on the left");
        }

        var tag = (TagOperand)operand;

        // Key the condition on the resource or request side and pass the principal's tag as a policy variable.
        if (values is [TagOperand other] && tag.Scope == AttributeScope.Principal && other.Scope != AttributeScope.Principal)
        {
            (tag, other) = (other, tag);
            values = [other];
        }

        var op = negated ? "StringNotEquals" : "StringEquals";
        var variables = values.OfType<TagOperand>().Distinct().ToList();
        if (variables.Count == 0)
        {
            return [[new ConditionEntry(op, ConditionKey(tag), Render(values))]];
        }

        // A variable whose key is absent may resolve to nothing or invalidate the statement, depending on which AWS
        // text one reads. Decide presence with Null instead: one alternative per set of absent variables, where an
        // absent value is simply no value to compare with (so `==` cannot hold and `!=` holds).
        Guard(variables.Count > 6 ? int.MaxValue : 1 << variables.Count);

        var alternatives = new List<List<ConditionEntry>>();
        for (var absent = 0; absent < 1 << variables.Count; absent++)
        {
            var entries = new List<ConditionEntry>();
            var present = new List<Operand>(values.Where(v => v is StringOperand));
            for (var i = 0; i < variables.Count; i++)
            {
                var missing = (absent & (1 << i)) != 0;
                entries.Add(new ConditionEntry("Null", ConditionKey(variables[i]), [missing ? "true" : "false"]));
                if (!missing)
                {
                    present.Add(variables[i]);
                }
            }

            if (present.Count > 0)
            {
                entries.Add(new ConditionEntry(op, ConditionKey(tag), Render(present)));
            }
            else if (!negated)
            {
                continue;
            }

            alternatives.Add(entries);
        }

        return alternatives;
    }

    private static ImmutableArray<string> Render(IEnumerable<Operand> values) =>
        [.. values.Select(v => v switch
        {
            StringOperand s => s.Value,
            TagOperand t => "${" + ConditionKey(t) + "}",
            _ => throw new IamLoweringException($"unexpected operand {v.GetType().Name}"),
        }).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>
    /// A tag read as a level is in a set. The resource's classification tag also matches the default level when it is
    /// absent. Fail-closed atoms also match a missing or unrecognised value.
    /// </summary>
    private List<List<ConditionEntry>> LevelIn(LevelInPredicate level)
    {
        var key = ConditionKey(level.Tag);
        var alternatives = new List<List<ConditionEntry>>();
        if (!level.Levels.IsEmpty)
        {
            alternatives.Add([new ConditionEntry("StringEquals", key, [.. level.Levels])]);
        }

        if (level.IsClassification && scheme?.DefaultLevel is { } defaultLevel && level.Levels.Contains(defaultLevel))
        {
            alternatives.Add([new ConditionEntry("Null", key, ["true"])]);
        }

        if (level.MatchUnknown)
        {
            // StringNotEquals over every level holds for a missing key too, which the classification tag must exclude
            // when a default level gives missing tags a meaning.
            List<ConditionEntry> unknown = [new ConditionEntry("StringNotEquals", key, _levels)];
            if (level.IsClassification && scheme?.DefaultLevel is not null)
            {
                unknown.Add(new ConditionEntry("Null", key, ["false"]));
            }

            alternatives.Add(unknown);
        }

        return alternatives;
    }

    public static string ConditionKey(TagOperand tag) => tag.Scope switch
    {
        AttributeScope.Principal => $"aws:PrincipalTag/{tag.Key}",
        AttributeScope.Resource => $"aws:ResourceTag/{tag.Key}",
        AttributeScope.Request => tag.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) ? tag.Key : $"aws:RequestTag/{tag.Key}",
        _ => throw new ArgumentOutOfRangeException(nameof(tag), tag.Scope, "unexpected scope"),
    };
}
