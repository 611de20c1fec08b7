namespace Sec08Policy.Engine.Iam.Matching;

/// <summary>A statement's <c>Action</c> or <c>NotAction</c> values: exact names in a set, wildcard patterns compiled, all ignoring case.</summary>
internal sealed class ActionList
{
    private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<GlobPattern> _patterns = [];
    private readonly bool _all;

    public ActionList(IEnumerable<string> actions)
    {
        foreach (var action in actions)
        {
            if (action == "*")
            {
                _all = true;
            }
            else if (action.AsSpan().IndexOfAny('*', '?') >= 0)
            {
                _patterns.Add(new GlobPattern(action, ignoreCase: true));
            }
            else
            {
                _exact.Add(action);
            }
        }
    }

    public bool Contains(string action)
    {
        if (_all || _exact.Contains(action))
        {
            return true;
        }

        foreach (var pattern in _patterns)
        {
            if (pattern.IsMatch(action))
            {
                return true;
            }
        }

        return false;
    }
}
