using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Sec08Policy.Engine.Catalog;

/// <summary>A resource type of a service: its ARN pattern and the condition keys requests on it carry.</summary>
public sealed class IamResourceType
{
    private readonly ArnTemplate _arn;
    private ConcurrentDictionary<string, bool>? _listsKey;
    private ConditionKeyTemplate[]? _keys;

    internal IamResourceType(string service, string name, string arnPattern, ImmutableArray<string> conditionKeys)
    {
        Service = service;
        Name = name;
        ArnPattern = arnPattern;
        ConditionKeys = conditionKeys;
        _arn = new ArnTemplate(arnPattern);
    }

    public string Service { get; }

    public string Name { get; }

    /// <summary>The ARN as the reference writes it, with <c>${Partition}</c>, <c>${Region}</c>, <c>${Account}</c> and named placeholders.</summary>
    public string ArnPattern { get; }

    public ImmutableArray<string> ConditionKeys { get; }

    /// <summary>The ARN pattern with each placeholder (<c>Partition</c>, <c>Region</c>, <c>Account</c>, a name) replaced by <paramref name="value"/> of its name.</summary>
    public string Fill(Func<string, string> value)
    {
        var arn = ArnPattern;
        while (arn.IndexOf("${", StringComparison.Ordinal) is var start and >= 0)
        {
            var end = arn.IndexOf('}', start);
            arn = arn[..start] + value(arn[(start + 2)..end]) + arn[(end + 1)..];
        }

        return arn;
    }

    /// <summary>How many literal characters the pattern has: of two patterns an ARN fits, the one with more describes it better.</summary>
    internal int Specificity => _arn.LiteralLength;

    /// <summary>Whether requests on this type carry <paramref name="key"/>; answers are remembered, as requests ask the same few keys.</summary>
    public bool ListsKey(string key) =>
        ConditionKeyTemplate.Remembered(ref _listsKey, key, _keys ??= ConditionKeyTemplate.All(ConditionKeys));

    /// <summary>
    /// Whether <paramref name="arn"/> fits the pattern. Each placeholder takes one or more characters; none but the last
    /// crosses a colon, so <c>${Region}</c> and <c>${Account}</c> stay in their segment while a last one such as
    /// <c>${ObjectName}</c> or <c>${RoleNameWithPath}</c> takes the rest of the ARN.
    /// </summary>
    public bool MatchesArn(string arn) => _arn.IsMatch(arn);

    public override string ToString() => Service + ":" + Name;
}
