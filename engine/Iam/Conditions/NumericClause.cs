namespace Sec08Policy.Engine.Iam.Conditions;

/// <summary>The Numeric operators; a request value that is no number matches nothing.</summary>
internal sealed class NumericClause(ConditionOperator op, string key, decimal[] values) : ConditionClause(op, key)
{
    protected override bool Matches(ContextEntry entry, int index, IamRequestContext context)
    {
        if (entry.Numbers[index] is not { } request)
        {
            return false;
        }

        foreach (var value in values)
        {
            if (Ordering.Holds(request.CompareTo(value), Operator.Comparison))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The Date operators, on instants; a request value that is no date matches nothing.</summary>
internal sealed class DateClause(ConditionOperator op, string key, long[] values) : ConditionClause(op, key)
{
    protected override bool Matches(ContextEntry entry, int index, IamRequestContext context)
    {
        if (entry.Dates[index] is not { } request)
        {
            return false;
        }

        foreach (var value in values)
        {
            if (Ordering.Holds(request.CompareTo(value), Operator.Comparison))
            {
                return true;
            }
        }

        return false;
    }
}

internal static class Ordering
{
    /// <summary>Whether a comparison result (request against policy value) satisfies the operator.</summary>
    public static bool Holds(int order, Comparison comparison) => comparison switch
    {
        Comparison.LessThan => order < 0,
        Comparison.LessThanEquals => order <= 0,
        Comparison.GreaterThan => order > 0,
        Comparison.GreaterThanEquals => order >= 0,
        _ => order == 0,
    };
}
