using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Sec08Policy.Engine.Catalog;

/// <summary>One service of the IAM catalogue: its prefix, actions and condition keys.</summary>
public sealed class IamService
{
    // Built on first use: the catalogue has hundreds of services, a policy names a few, and building every set
    // would cost each run of the command line several milliseconds before it starts.
    private FrozenSet<string>? _actionSet;

    public IamService(string prefix, ImmutableArray<string> actions, ImmutableArray<string> conditionKeys)
    {
        Prefix = prefix;
        Actions = actions;
        ConditionKeys = conditionKeys;
    }

    public string Prefix { get; }

    public ImmutableArray<string> Actions { get; }

    public ImmutableArray<string> ConditionKeys { get; }

    public bool HasAction(string name) => (_actionSet ??= Actions.ToFrozenSet(StringComparer.OrdinalIgnoreCase)).Contains(name);

    /// <summary>The actions an IAM action pattern (with <c>*</c> and <c>?</c>) matches, ignoring case.</summary>
    public IEnumerable<string> Match(string pattern) =>
        pattern.AsSpan().IndexOfAny('*', '?') < 0
            ? Actions.Where(a => string.Equals(a, pattern, StringComparison.OrdinalIgnoreCase))
            : Actions.Where(a => WildcardPattern.IsMatch(pattern, a, ignoreCase: true));
}
