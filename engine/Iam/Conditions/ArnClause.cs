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
            var match = value.Constant is { } constant
                ? ArnMatch.IsMatch(constant, value.LiteralMask, request)
                : RenderBuffer.TryRender(value, context, out var chars, out var literal) && ArnMatch.IsMatch(chars, literal, request);
            if (match)
            {
                return true;
            }
        }

        return false;
    }
}
