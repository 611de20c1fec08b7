using System.Collections.Frozen;

namespace Sec08Policy.Engine.Access;

/// <summary>
/// One request as the compiled conditions read it: each attribute a condition names has a slot, resolved at most
/// once per decision (its value, and its rank when read as a level).
/// </summary>
internal sealed class RequestView
{
    private const int Unresolved = int.MinValue;

    private readonly AttributeTable _table;
    private readonly string?[] _values;
    private readonly bool[] _resolved;
    private readonly int[] _ranks;
    private AccessRequest _request = null!;
    private bool _resourceTagsVisible;
    private FrozenDictionary<string, string> _principalTags = AccessRequest.Empty;

    // The resource accounts this view has read, each kept once: a decision reads them from a span of the ARN, and the
    // requests of a batch name few accounts. Bounded, since a view is reused for every decision on its thread.
    private readonly Dictionary<string, string> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _accountsBySpan;

    public RequestView(AttributeTable table)
    {
        _table = table;
        _values = new string?[table.Count];
        _resolved = new bool[table.Count];
        _ranks = new int[table.Count];
        _accountsBySpan = _accounts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public AccessRequest Request => _request;

    public AttributeTable Table => _table;

    /// <summary>The resource as policies match it: for a declared key named by its alias, the key's ARN.</summary>
    public string ResourceArn { get; private set; } = string.Empty;

    /// <summary>The principal as policies see it.</summary>
    public Caller Caller { get; private set; }

    public void Reset(AccessRequest request, string resourceArn, Caller caller, bool resourceIsS3)
    {
        _request = request;
        ResourceArn = resourceArn;
        Caller = caller;
        _resourceTagsVisible = request.S3BucketAbac || !resourceIsS3;
        _principalTags = caller.IsRoot ? AccessRequest.Empty : request.PrincipalTagMap;
        Array.Clear(_resolved);
        Array.Fill(_ranks, Unresolved);
    }

    /// <summary>The value of a slot; null when the request does not have it.</summary>
    public string? Value(int slot)
    {
        if (_resolved[slot])
        {
            return _values[slot];
        }

        var attribute = _table[slot];
        var map = attribute.Source switch
        {
            AttributeSource.PrincipalTag => _principalTags,
            AttributeSource.ResourceTag => _resourceTagsVisible ? _request.ResourceTagMap : AccessRequest.Empty,
            _ => _request.ContextMap,
        };
        var value = map.GetValueOrDefault(attribute.Key);
        if (value is null && attribute.Source == AttributeSource.RequestContext)
        {
            value = Derived(attribute.Key);
        }

        _values[slot] = value;
        _resolved[slot] = true;
        return value;
    }

    /// <summary>The rank of a slot's value among the levels; -1 for a value that is no level, -2 when missing.</summary>
    public int Rank(int slot, FrozenDictionary<string, int> levels)
    {
        if (_ranks[slot] != Unresolved)
        {
            return _ranks[slot];
        }

        var value = Value(slot);
        var rank = value is null ? -2 : levels.GetValueOrDefault(value, -1);
        _ranks[slot] = rank;
        return rank;
    }

    /// <summary>
    /// Global keys AWS derives from the request itself when the context does not give them, as the IAM decision engine
    /// builds its request context: the principal's account and ARN, whether it is an AWS service principal, whether a
    /// service calls on its behalf, the resource's account and the time.
    /// </summary>
    private string? Derived(string key)
    {
        var service = Caller.IsService;
        switch (DerivedKeys.GetValueOrDefault(key))
        {
            case DerivedKey.PrincipalAccount:
                return service ? null : Caller.Account;
            case DerivedKey.PrincipalArn:
                return service ? null : Caller.PolicyArn;
            case DerivedKey.PrincipalIsAwsService:
                return service ? "true" : "false";
            case DerivedKey.ViaAwsService:
                return _request.ContextMap.ContainsKey("kms:ViaService") || _request.ContextMap.ContainsKey("aws:CalledVia") ? "true" : "false";
            case DerivedKey.ResourceAccount:
                return ArnParts.AccountSpan(_request.Resource) is { IsEmpty: false } account ? Kept(account) : service ? null : Caller.Account;
            case DerivedKey.CurrentTime:
                return _request.Time == default ? null : _request.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            default:
                return null;
        }
    }

    private string Kept(ReadOnlySpan<char> account)
    {
        if (_accountsBySpan.TryGetValue(account, out var kept))
        {
            return kept;
        }

        if (_accounts.Count >= 1024)
        {
            _accounts.Clear();
        }

        kept = account.ToString();
        _accounts[kept] = kept;
        return kept;
    }

    private static readonly FrozenDictionary<string, DerivedKey> DerivedKeys = new Dictionary<string, DerivedKey>
    {
        ["aws:PrincipalAccount"] = DerivedKey.PrincipalAccount,
        ["aws:PrincipalArn"] = DerivedKey.PrincipalArn,
        ["aws:PrincipalIsAWSService"] = DerivedKey.PrincipalIsAwsService,
        ["aws:ViaAWSService"] = DerivedKey.ViaAwsService,
        ["aws:ResourceAccount"] = DerivedKey.ResourceAccount,
        ["aws:CurrentTime"] = DerivedKey.CurrentTime,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private enum DerivedKey
    {
        None,
        PrincipalAccount,
        PrincipalArn,
        PrincipalIsAwsService,
        ViaAwsService,
        ResourceAccount,
        CurrentTime,
    }

    public string? Context(string key) => _request.ContextMap.GetValueOrDefault(key);
}

internal enum AttributeSource
{
    PrincipalTag,
    ResourceTag,
    RequestContext,
}

internal readonly record struct Attribute(AttributeSource Source, string Key);

/// <summary>The attributes the conditions of a policy read, each numbered once.</summary>
internal sealed class AttributeTable
{
    private readonly List<Attribute> _attributes = [];
    private readonly Dictionary<Attribute, int> _slots = [];

    public int Count => _attributes.Count;

    public Attribute this[int slot] => _attributes[slot];

    public int Slot(Attribute attribute)
    {
        var normalized = attribute with { Key = attribute.Key.ToUpperInvariant() };
        if (!_slots.TryGetValue(normalized, out var slot))
        {
            slot = _attributes.Count;
            _attributes.Add(attribute);
            _slots[normalized] = slot;
        }

        return slot;
    }
}
