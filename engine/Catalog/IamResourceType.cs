using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace Sec08Policy.Engine.Catalog;

/// <summary>A resource type of a service: its ARN pattern and the condition keys requests on it carry.</summary>
public sealed partial class IamResourceType
{
    private readonly Lazy<Regex> _arn;
    private ConditionKeyTemplate[]? _keys;

    internal IamResourceType(string service, string name, string arnPattern, ImmutableArray<string> conditionKeys)
    {
        Service = service;
        Name = name;
        ArnPattern = arnPattern;
        ConditionKeys = conditionKeys;
        _arn = new Lazy<Regex>(() => ToRegex(arnPattern));
    }

    public string Service { get; }

    public string Name { get; }

    /// <summary>The ARN as the reference writes it, with <c>${Partition}</c>, <c>${Region}</c>, <c>${Account}</c> and named placeholders.</summary>
    public string ArnPattern { get; }

    public ImmutableArray<string> ConditionKeys { get; }

    /// <summary>How many literal characters the pattern has: of two patterns an ARN fits, the one with more describes it better.</summary>
    internal int Specificity => Placeholder().Replace(ArnPattern, string.Empty).Length;

    public bool ListsKey(string key) => (_keys ??= ConditionKeyTemplate.All(ConditionKeys)).Any(k => k.Matches(key));

    /// <summary>
    /// Whether <paramref name="arn"/> fits the pattern. Each placeholder takes one or more characters; none but the last
    /// crosses a colon, so <c>${Region}</c> and <c>${Account}</c> stay in their segment while a last one such as
    /// <c>${ObjectName}</c> or <c>${RoleNameWithPath}</c> takes the rest of the ARN.
    /// </summary>
    public bool MatchesArn(string arn) => _arn.Value.IsMatch(arn);

    public override string ToString() => Service + ":" + Name;

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        var parts = Placeholder().Split(pattern);
        for (var i = 0; i < parts.Length; i++)
        {
            regex.Append(Regex.Escape(parts[i]));
            if (i < parts.Length - 1)
            {
                regex.Append(i == parts.Length - 2 && parts[^1].Length == 0 ? ".+" : "[^:]+");
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    [GeneratedRegex(@"\$\{[^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
