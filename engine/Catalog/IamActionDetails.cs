using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Sec08Policy.Engine.Catalog;

/// <summary>One IAM action: the resource types it acts on and the condition keys its requests carry.</summary>
public sealed class IamActionDetails
{
    private ConcurrentDictionary<string, bool>? _listsKey;
    private ConditionKeyTemplate[]? _keys;

    internal IamActionDetails(IamServiceActions service, string name, ImmutableArray<IamActionResourceType> resourceTypes, ImmutableArray<string> conditionKeys)
    {
        Service = service;
        Name = name;
        FullName = service.Prefix + ":" + name;
        ResourceTypes = resourceTypes;
        ConditionKeys = conditionKeys;
    }

    public IamServiceActions Service { get; }

    /// <summary>The action's name as AWS spells it, without the prefix (<c>GetObject</c>).</summary>
    public string Name { get; }

    /// <summary><c>prefix:Name</c>, as AWS spells both.</summary>
    public string FullName { get; }

    /// <summary>The resource types the action acts on; empty for actions that take only <c>"Resource": "*"</c>.</summary>
    public ImmutableArray<IamActionResourceType> ResourceTypes { get; }

    /// <summary>The condition keys the action's requests carry, whatever the resource.</summary>
    public ImmutableArray<string> ConditionKeys { get; }

    /// <summary>Whether the action lists <paramref name="key"/>; answers are remembered, as requests ask the same few keys.</summary>
    public bool ListsKey(string key) =>
        ConditionKeyTemplate.Remembered(ref _listsKey, key, _keys ??= ConditionKeyTemplate.All(ConditionKeys));

    /// <summary>
    /// The resource type whose ARN pattern <paramref name="arn"/> matches; where several match (an object ARN also fits
    /// a bucket's pattern), the most specific one, the one with the most literal characters. Null when none matches.
    /// </summary>
    public IamActionResourceType? ResourceTypeOf(string arn)
    {
        IamActionResourceType? best = null;
        foreach (var type in ResourceTypes)
        {
            if (type.Type.MatchesArn(arn) && (best is null || type.Type.Specificity > best.Type.Specificity))
            {
                best = type;
            }
        }

        return best;
    }

    public override string ToString() => FullName;
}

/// <summary>A resource type of one action, with the condition keys that action adds for it (for example <c>ec2:Encrypted</c> on <c>RunInstances</c>' volumes).</summary>
public sealed class IamActionResourceType
{
    private ConcurrentDictionary<string, bool>? _listsKey;
    private ConditionKeyTemplate[]? _keys;

    internal IamActionResourceType(IamResourceType type, ImmutableArray<string> conditionKeys)
    {
        Type = type;
        ConditionKeys = conditionKeys;
    }

    public IamResourceType Type { get; }

    /// <summary>The keys the action adds for this type, beyond <see cref="IamResourceType.ConditionKeys"/>.</summary>
    public ImmutableArray<string> ConditionKeys { get; }

    /// <summary>Whether the action's requests on this type carry <paramref name="key"/>: the action's keys for it or the type's own.</summary>
    public bool ListsKey(string key) =>
        ConditionKeyTemplate.Remembered(ref _listsKey, key, _keys ??= ConditionKeyTemplate.All(ConditionKeys.AddRange(Type.ConditionKeys)));
}
