using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Iam.Matching;
using Sec08Policy.Engine.Iam.Text;

namespace Sec08Policy.Engine.Iam.Conditions;

/// <summary>The String operators: Equals (case-sensitive), EqualsIgnoreCase, and Like (wildcards, case-sensitive).</summary>
internal sealed class StringClause : ConditionClause, IVariableHolder
{
    private readonly PolicyText[] _values;
    private readonly GlobPattern?[] _patterns;

    public StringClause(ConditionOperator op, string key, PolicyText[] values)
        : base(op, key)
    {
        _values = values;
        _patterns = [.. values.Select(v => op.Comparison == Comparison.Like && v.Constant is { } text ? new GlobPattern(text, ignoreCase: false, v.LiteralMask) : null)];
    }

    public IEnumerable<string> Variables => _values.SelectMany(v => v.Variables);

    protected override bool Matches(ContextEntry entry, int index, IamRequestContext context)
    {
        var request = entry.Values[index];
        var comparison = Operator.Comparison;
        for (var i = 0; i < _values.Length; i++)
        {
            var value = _values[i];
            if (value.Constant is { } constant)
            {
                if (comparison == Comparison.Like ? _patterns[i]!.IsMatch(request) : Same(request, constant, comparison))
                {
                    return true;
                }
            }
            else if (value.SoleVariable is { } variable)
            {
                // A substituted value is literal text, so Like compares it exactly (case-sensitively), as Equals does.
                if (context.SingleValue(variable) is { } resolved && Same(request, resolved, comparison == Comparison.Like ? Comparison.Equals : comparison))
                {
                    return true;
                }
            }
            else if (RenderBuffer.TryRender(value, context, out var chars, out var literal))
            {
                var match = comparison == Comparison.Like
                    ? WildcardPattern.IsMatch(chars, literal, request, ignoreCase: false)
                    : request.AsSpan().Equals(chars, comparison == Comparison.EqualsIgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
                if (match)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Same(string request, string value, Comparison comparison) =>
        string.Equals(request, value, comparison == Comparison.EqualsIgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
