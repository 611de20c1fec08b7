namespace Sec08Policy.Engine.Iam.Conditions;

/// <summary>
/// One condition key under one operator, with its policy values parsed for the operator's family. Evaluation follows
/// the IAM rules (docs/iam-engine.md, "Conditions"): values of one key are ORed, and a negated operator is the
/// negation of its positive form over all values (NOR); an absent key makes the condition false, or true for negated
/// operators, <c>...IfExists</c> and <c>ForAllValues</c>, while <c>ForAnyValue</c> stays false.
/// </summary>
internal abstract class ConditionClause
{
    protected ConditionClause(ConditionOperator op, string key)
    {
        Operator = op;
        Key = key;
        LowerKey = key.ToLowerInvariant();
    }

    public ConditionOperator Operator { get; }

    /// <summary>The condition key as the policy spells it.</summary>
    public string Key { get; }

    /// <summary>The key lower-cased, the form the request context is indexed by (key names ignore case).</summary>
    protected string LowerKey { get; }

    public virtual bool Evaluate(IamRequestContext context)
    {
        var entry = context.Find(LowerKey);
        var op = Operator;
        if (entry is null)
        {
            return op.IfExists || op.Set == SetOperator.ForAllValues || (op.Set == SetOperator.None && op.Negated);
        }

        var values = entry.Values;
        switch (op.Set)
        {
            case SetOperator.ForAllValues:
                for (var i = 0; i < values.Length; i++)
                {
                    if (Matches(entry, i, context) == op.Negated)
                    {
                        return false;
                    }
                }

                return true;

            case SetOperator.ForAnyValue:
                for (var i = 0; i < values.Length; i++)
                {
                    if (Matches(entry, i, context) != op.Negated)
                    {
                        return true;
                    }
                }

                return false;

            default:
                for (var i = 0; i < values.Length; i++)
                {
                    if (Matches(entry, i, context))
                    {
                        return !op.Negated;
                    }
                }

                return op.Negated;
        }
    }

    /// <summary>Whether the request's value at <paramref name="index"/> matches any policy value under the positive comparison.</summary>
    protected abstract bool Matches(ContextEntry entry, int index, IamRequestContext context);
}
