namespace Sec08Policy.Engine.Iam.Conditions;

/// <summary>
/// The Numeric and Date operators: the request value, read as a number or an instant, against each policy value in
/// order; a request value that cannot be read matches nothing.
/// </summary>
internal abstract class OrderedClause<T>(ConditionOperator op, string key, T[] values) : ConditionClause(op, key)
    where T : struct, IComparable<T>
{
    protected override bool Matches(ContextEntry entry, int index, IamRequestContext context)
    {
        if (Read(entry, index) is not { } request)
        {
            return false;
        }

        foreach (var value in values)
        {
            var order = request.CompareTo(value);
            var holds = Operator.Comparison switch
            {
                Comparison.LessThan => order < 0,
                Comparison.LessThanEquals => order <= 0,
                Comparison.GreaterThan => order > 0,
                Comparison.GreaterThanEquals => order >= 0,
                _ => order == 0,
            };
            if (holds)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The request's value at <paramref name="index"/>, read once per request and kept by the entry.</summary>
    protected abstract T? Read(ContextEntry entry, int index);
}

internal sealed class NumericClause(ConditionOperator op, string key, decimal[] values) : OrderedClause<decimal>(op, key, values)
{
    protected override decimal? Read(ContextEntry entry, int index) => entry.Numbers[index];
}

/// <summary>Dates compare as instants (UTC ticks).</summary>
internal sealed class DateClause(ConditionOperator op, string key, long[] values) : OrderedClause<long>(op, key, values)
{
    protected override long? Read(ContextEntry entry, int index) => entry.Dates[index];
}
