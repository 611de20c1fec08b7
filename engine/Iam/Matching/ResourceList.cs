using Sec08Policy.Engine.Iam.Text;

namespace Sec08Policy.Engine.Iam.Matching;

/// <summary>
/// A statement's <c>Resource</c> or <c>NotResource</c> values: <c>*</c>, ARN patterns matched component by component
/// (<see cref="ArnMatch"/>), and ARNs with policy variables in their resource part, rendered per request. A variable
/// that does not resolve makes its pattern match nothing.
/// </summary>
internal sealed class ResourceList
{
    private readonly PolicyText[] _patterns;
    private readonly bool _all;

    public ResourceList(IEnumerable<PolicyText> patterns)
    {
        _patterns = [.. patterns];
        _all = _patterns.Any(p => p.Constant == "*");
    }

    public bool Contains(string resource, IamRequestContext context)
    {
        if (_all)
        {
            return true;
        }

        foreach (var pattern in _patterns)
        {
            if (ArnMatch.IsMatch(pattern, context, resource))
            {
                return true;
            }
        }

        return false;
    }
}
