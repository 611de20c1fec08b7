using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Access;

/// <summary>
/// The language's own decision procedure (docs/language.md, "What the language promises for access"), on the IR:
/// which <c>allow</c> and <c>deny</c> rules, key declarations, rules granted with <c>keys</c> and preventive
/// requirements apply to a request, and what they decide. Built once per policy; <see cref="Decide"/> is safe to call
/// from several threads.
/// </summary>
public sealed class AccessDecider
{
    private readonly ImmutableArray<RuleEntry> _identityRules;
    private readonly ImmutableArray<PreventiveEntry> _preventions;
    private readonly ImmutableArray<PerimeterEntry> _perimeters;
    private readonly FrozenDictionary<string, KeyEntry> _keysByAlias;
    private readonly AttributeTable _attributes = new();
    private readonly ConcurrentDictionary<string, (RuleEntry[] Rules, PreventiveEntry[] Preventions)> _byAction = new(StringComparer.OrdinalIgnoreCase);

    // Each thread reuses one view per decider: a decision then allocates nothing to resolve attributes.
    [ThreadStatic]
    private static RequestView? s_view;

    public AccessDecider(PolicySet policy)
    {
        Policy = policy;
        var rules = policy.AccessRules
            .Select(r => new RuleEntry(r, r.Condition is null ? null : Condition.Compile(r.Condition, policy.Classification, _attributes)))
            .ToList();
        _identityRules = [.. rules.Where(r => r.Rule.Keys.IsEmpty)];
        _keysByAlias = policy.Keys
            .Where(k => k.Alias is not null && k.Account is not null)
            .ToFrozenDictionary(k => k.Alias!, k => new KeyEntry(k, k.Account!, rules.Where(r => r.Rule.Keys.Contains(k.Name))), StringComparer.Ordinal);
        _preventions = [.. PreventiveEntry.All(policy)];
        _perimeters = [.. policy.Perimeters.SelectMany(p => p.Statements).Select(s => new PerimeterEntry(s, Condition.Compile(s.Condition, policy.Classification, _attributes)))];
    }

    public PolicySet Policy { get; }

    /// <summary>The declared key a resource ARN names: <c>arn:PARTITION:kms:REGION:ACCOUNT:alias/NAME</c> of a key in its owner's account.</summary>
    public KeySpec? FindKey(string resource) => Key(resource)?.Key;

    public AccessDecision Decide(AccessRequest request)
    {
        var key = Key(request.Resource);
        var view = s_view is { } reused && reused.Table == _attributes ? reused : s_view = new RequestView(_attributes);
        view.Reset(request, key is null ? request.Resource : KeyArn(request.Resource, key.Key));
        var (rules, preventions) = _byAction.GetOrAdd(request.Action, Index);
        var caller = Caller.Of(request.Principal);
        var principalAccount = caller.Account;
        var isRoot = caller.IsRoot;

        // An AWS service principal (s3.amazonaws.com) has no identity policies and is outside every account's SCPs.
        var isService = !request.Principal.StartsWith("arn:", StringComparison.Ordinal);

        // Explicit denies: deny rules in identity policies (which do not reach the root user or service principals), the
        // key policy's Denies, and preventive requirements (SCPs apply to every principal of the organization's accounts).
        List<DecidingClause>? denials = null;
        foreach (var rule in rules)
        {
            if (!rule.IsAllow && !isRoot && !isService && rule.Applies(view, identity: true, caller))
            {
                (denials ??= []).Add(rule.Clause);
            }
        }

        if (key is not null)
        {
            var keyDenials = new List<DecidingClause>();
            key.Denials(view, caller, keyDenials);
            if (keyDenials.Count > 0)
            {
                (denials ??= []).AddRange(keyDenials);
            }
        }

        foreach (var prevention in preventions)
        {
            if (!isService && prevention.Denies(view))
            {
                (denials ??= []).Add(prevention.Clause);
            }
        }

        // Data perimeters: resource and service control policies and key policy statements, each where it reaches.
        foreach (var perimeter in _perimeters)
        {
            if (perimeter.Denies(view, onKey: key is not null))
            {
                (denials ??= []).Add(perimeter.Clause);
            }
        }

        if (denials is not null)
        {
            return new AccessDecision(AccessOutcome.ExplicitlyDenied, [.. denials]);
        }

        // Grants from identity policies; the root user is not governed by them and may act in its own account.
        var identity = new List<DecidingClause>();
        if (isRoot)
        {
            identity.Add(RootUser);
        }
        else if (!isService)
        {
            foreach (var rule in rules)
            {
                if (rule.IsAllow && rule.Applies(view, identity: true, caller))
                {
                    identity.Add(rule.Clause);
                }
            }
        }

        if (key is null)
        {
            var resourceAccount = ArnParts.Account(request.Resource);
            if (resourceAccount is not null && resourceAccount != principalAccount)
            {
                return new AccessDecision(AccessOutcome.ImplicitlyDenied, [], "the resource is in another account, and sec08 grants access across accounts only in key policies");
            }

            return identity.Count > 0
                ? new AccessDecision(AccessOutcome.Allowed, [.. identity])
                : new AccessDecision(AccessOutcome.ImplicitlyDenied, [], "no rule allows it");
        }

        var grants = new List<(DecidingClause Clause, PrincipalMatch Match)>();
        key.Grants(view, caller, grants);
        var sameAccount = principalAccount == key.Account;
        var direct = grants.Where(g => g.Match == PrincipalMatch.Direct).Select(g => g.Clause).ToList();
        if (sameAccount && direct.Count > 0)
        {
            return new AccessDecision(AccessOutcome.Allowed, [.. direct]);
        }

        if (grants.Count > 0 && identity.Count > 0)
        {
            return new AccessDecision(AccessOutcome.Allowed, [.. grants.Select(g => g.Clause), .. identity]);
        }

        var reason = grants.Count == 0
            ? $"key `{key.Key.Name}` grants it to no one this principal is or belongs to"
            : sameAccount
                ? $"key `{key.Key.Name}` lets the account's IAM policies grant it, and no rule does"
                : $"key `{key.Key.Name}` grants it to a principal of another account, whose IAM policies must allow it too, and no rule does";
        return new AccessDecision(AccessOutcome.ImplicitlyDenied, [], reason);
    }

    /// <summary>For an access rule that decided, the atoms of its condition that held; empty for other clauses.</summary>
    public IReadOnlyList<string> Explain(AccessRequest request, DecidingClause clause)
    {
        var rule = _identityRules.Concat(_keysByAlias.Values.SelectMany(k => k.Rules.Select(r => r.Rule))).FirstOrDefault(r => ReferenceEquals(r.Clause, clause));
        if (rule?.Condition is null)
        {
            return [];
        }

        var view = new RequestView(_attributes);
        view.Reset(request, Key(request.Resource) is { } key ? KeyArn(request.Resource, key.Key) : request.Resource);
        var atoms = new List<string>();
        if (rule.Condition.Holds(view))
        {
            rule.Condition.Explain(view, atoms);
        }

        return atoms;
    }

    /// <summary>
    /// The ARN a declared key named by its alias ARN is authorized as. Key ARNs are assigned at deployment, so the key's
    /// name stands for its key ID: <c>arn:PARTITION:kms:REGION:ACCOUNT:key/NAME</c>.
    /// </summary>
    public static string KeyArn(string aliasArn, KeySpec key)
    {
        var parts = aliasArn.Split(':', 6);
        return $"arn:{parts[1]}:kms:{parts[3]}:{parts[4]}:key/{key.Name}";
    }

    private static readonly DecidingClause RootUser = new("the account root user", "not governed by IAM policies; acts in its own account unless denied", null);

    private (RuleEntry[], PreventiveEntry[]) Index(string action) =>
        ([.. _identityRules.Where(r => r.MatchesAction(action))], [.. _preventions.Where(p => p.MatchesAction(action))]);

    private KeyEntry? Key(string resource)
    {
        if (!resource.StartsWith("arn:", StringComparison.Ordinal) || ArnParts.Service(resource) != "kms")
        {
            return null;
        }

        var alias = ArnParts.ResourcePart(resource);
        return alias is not null && _keysByAlias.TryGetValue(alias, out var key) && key.Account == ArnParts.Account(resource) ? key : null;
    }
}
