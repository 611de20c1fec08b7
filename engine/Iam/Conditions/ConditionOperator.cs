using System.Collections.Frozen;

namespace Sec08Policy.Engine.Iam.Conditions;

internal enum ConditionFamily
{
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    IpAddress,
    Arn,
    Null,
}

/// <summary>How a request value is compared with a policy value, before negation.</summary>
internal enum Comparison
{
    Equals,
    EqualsIgnoreCase,
    Like,
    LessThan,
    LessThanEquals,
    GreaterThan,
    GreaterThanEquals,
}

internal enum SetOperator
{
    None,
    ForAllValues,
    ForAnyValue,
}

/// <summary>
/// A condition operator as a policy writes it (<c>ForAnyValue:StringNotLikeIfExists</c>), taken apart: the family,
/// the comparison, whether it is a negated form, the <c>IfExists</c> suffix and the set operator.
/// </summary>
internal sealed record ConditionOperator(string Name, ConditionFamily Family, Comparison Comparison, bool Negated, bool IfExists, SetOperator Set)
{
    private static readonly FrozenDictionary<string, (ConditionFamily Family, Comparison Comparison, bool Negated)> s_base =
        new Dictionary<string, (ConditionFamily, Comparison, bool)>(StringComparer.OrdinalIgnoreCase)
        {
            ["StringEquals"] = (ConditionFamily.String, Comparison.Equals, false),
            ["StringNotEquals"] = (ConditionFamily.String, Comparison.Equals, true),
            ["StringEqualsIgnoreCase"] = (ConditionFamily.String, Comparison.EqualsIgnoreCase, false),
            ["StringNotEqualsIgnoreCase"] = (ConditionFamily.String, Comparison.EqualsIgnoreCase, true),
            ["StringLike"] = (ConditionFamily.String, Comparison.Like, false),
            ["StringNotLike"] = (ConditionFamily.String, Comparison.Like, true),
            ["NumericEquals"] = (ConditionFamily.Numeric, Comparison.Equals, false),
            ["NumericNotEquals"] = (ConditionFamily.Numeric, Comparison.Equals, true),
            ["NumericLessThan"] = (ConditionFamily.Numeric, Comparison.LessThan, false),
            ["NumericLessThanEquals"] = (ConditionFamily.Numeric, Comparison.LessThanEquals, false),
            ["NumericGreaterThan"] = (ConditionFamily.Numeric, Comparison.GreaterThan, false),
            ["NumericGreaterThanEquals"] = (ConditionFamily.Numeric, Comparison.GreaterThanEquals, false),
            ["DateEquals"] = (ConditionFamily.Date, Comparison.Equals, false),
            ["DateNotEquals"] = (ConditionFamily.Date, Comparison.Equals, true),
            ["DateLessThan"] = (ConditionFamily.Date, Comparison.LessThan, false),
            ["DateLessThanEquals"] = (ConditionFamily.Date, Comparison.LessThanEquals, false),
            ["DateGreaterThan"] = (ConditionFamily.Date, Comparison.GreaterThan, false),
            ["DateGreaterThanEquals"] = (ConditionFamily.Date, Comparison.GreaterThanEquals, false),
            ["Bool"] = (ConditionFamily.Bool, Comparison.Equals, false),
            ["BinaryEquals"] = (ConditionFamily.Binary, Comparison.Equals, false),
            ["IpAddress"] = (ConditionFamily.IpAddress, Comparison.Equals, false),
            ["NotIpAddress"] = (ConditionFamily.IpAddress, Comparison.Equals, true),
            ["ArnEquals"] = (ConditionFamily.Arn, Comparison.Like, false),
            ["ArnLike"] = (ConditionFamily.Arn, Comparison.Like, false),
            ["ArnNotEquals"] = (ConditionFamily.Arn, Comparison.Like, true),
            ["ArnNotLike"] = (ConditionFamily.Arn, Comparison.Like, true),
            ["Null"] = (ConditionFamily.Null, Comparison.Equals, false),
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses an operator name; operator names compare ignoring case. Null when the name is no IAM operator.</summary>
    public static ConditionOperator? Parse(string name)
    {
        var set = SetOperator.None;
        var rest = name.AsSpan();
        var colon = rest.IndexOf(':');
        if (colon >= 0)
        {
            var prefix = rest[..colon];
            set = prefix.Equals("ForAllValues", StringComparison.OrdinalIgnoreCase) ? SetOperator.ForAllValues
                : prefix.Equals("ForAnyValue", StringComparison.OrdinalIgnoreCase) ? SetOperator.ForAnyValue
                : (SetOperator)(-1);
            if (set < 0)
            {
                return null;
            }

            rest = rest[(colon + 1)..];
        }

        var ifExists = rest.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase);
        if (ifExists)
        {
            rest = rest[..^"IfExists".Length];
        }

        if (!s_base.TryGetValue(rest.ToString(), out var found) || (ifExists && found.Family == ConditionFamily.Null))
        {
            return null;
        }

        return new ConditionOperator(name, found.Family, found.Comparison, found.Negated, ifExists, set);
    }
}
