using Sec08Policy.Engine.Iam.Matching;
using Sec08Policy.Engine.Iam.Text;

namespace Sec08Policy.Engine.Iam.Conditions;

/// <summary>The ARN operators: ArnEquals and ArnLike behave the same, matching component by component with wildcards.</summary>
internal sealed class ArnClause(ConditionOperator op, string key, PolicyText[] values) : ConditionClause(op, key), IVariableHolder
{
    public IEnumerable<string> Variables => values.SelectMany(v => v.Variables);

    protected override bool Matches(ContextEntry entry, int index, IamRequestContext context)
    {
        var request = entry.Values[index];
        foreach (var value in values)
        {
            if (ArnMatch.IsMatch(value, context, request))
            {
                return true;
            }
        }

        return false;
    }
}
