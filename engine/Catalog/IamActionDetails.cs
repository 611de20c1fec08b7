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

    /// <summary>
    /// Whether the action lists the request's tags (<c>aws:RequestTag/*</c>, <c>aws:TagKeys</c>) for some of its resource
    /// types only (<c>ec2:RunInstances</c>: the instance, volumes and network interfaces), so that its requests on the
    /// others (the image, the subnet) do not carry them; this is why AWS's own SCP examples scope a request-tag Deny to
    /// the created resource.
    /// </summary>
    public bool RequestTagsPerResourceType
    {
        get
        {
            if (_requestTagsPerType == 0)
            {
                // Worked out once; threads that race write the same value.
                _requestTagsPerType = !ListsKey(RequestTagKey) && ResourceTypes.Any(t => t.ListsOwnRequestTags) && ResourceTypes.Any(t => !t.ListsOwnRequestTags) ? 2 : 1;
            }

            return _requestTagsPerType == 2;
        }
    }

    /// <summary>Whether a request on <paramref name="type"/> (null: a resource of no known type) carries the request's tags.</summary>
    public bool CarriesRequestTags(IamActionResourceType? type) => !RequestTagsPerResourceType || type is null || type.ListsOwnRequestTags;

    internal const string RequestTagKey = "aws:RequestTag/${TagKey}";

    // 0 not yet known, 1 the request's tags go with every resource, 2 only with the types that list them.
    private int _requestTagsPerType;

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
        ListsOwnRequestTags = conditionKeys.Contains(IamActionDetails.RequestTagKey, StringComparer.OrdinalIgnoreCase);
    }

    public IamResourceType Type { get; }

    /// <summary>The keys the action adds for this type, beyond <see cref="IamResourceType.ConditionKeys"/>.</summary>
    public ImmutableArray<string> ConditionKeys { get; }

    /// <summary>Whether the action itself lists the request's tags for this type (not only the type's own list, which every EC2 type shares).</summary>
    internal bool ListsOwnRequestTags { get; }

    /// <summary>Whether the action's requests on this type carry <paramref name="key"/>: the action's keys for it or the type's own.</summary>
    public bool ListsKey(string key) =>
        ConditionKeyTemplate.Remembered(ref _listsKey, key, _keys ??= ConditionKeyTemplate.All(ConditionKeys.AddRange(Type.ConditionKeys)));
}
