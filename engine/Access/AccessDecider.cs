using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Access;

/// <summary>
/// The language's own decision procedure (docs/language.md, "What the language promises for access"), on the IR:
/// which <c>allow</c> and <c>deny</c> rules, key declarations, rules granted with <c>keys</c> and preventive
/// requirements apply to a request, and what they decide. Built once per policy; what applies to an action is
/// selected once per action, principals and key ARNs are worked out once per name, and a decision that one clause
/// makes (or none) allocates nothing. <see cref="Decide"/> is safe to call from several threads.
/// </summary>
public sealed class AccessDecider
{
    private static readonly ClauseDecisions RootUser = new(new DecidingClause("the account root user", "not governed by IAM policies; acts in its own account unless denied", null));
    private static readonly AccessDecision NothingGrants = new(AccessOutcome.ImplicitlyDenied, [], "no rule allows it");
    private static readonly AccessDecision OtherAccount = new(AccessOutcome.ImplicitlyDenied, [], "the resource is in another account, and sec08 grants access across accounts only in key policies");

    // Each thread reuses one workspace per decider.
    [ThreadStatic]
    private static DecisionWorkspace? t_workspace;

    private readonly ImmutableArray<RuleEntry> _identityRules;
    private readonly ImmutableArray<PreventiveEntry> _preventions;
    private readonly (PerimeterEntry Entry, ClauseDecisions Decisions)[] _perimeters;
    private readonly FrozenDictionary<string, KeyEntry> _keysByAlias;
    private readonly FrozenDictionary<string, KeyEntry>.AlternateLookup<ReadOnlySpan<char>> _keysByAliasSpan;
    private readonly AttributeTable _attributes = new();
    private readonly ConcurrentDictionary<string, ActionPlan> _byAction = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<string, ActionPlan> _planFor;
    private readonly InternTable<Caller> _callers = new(Caller.Of);

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
        _keysByAliasSpan = _keysByAlias.GetAlternateLookup<ReadOnlySpan<char>>();
        _preventions = [.. PreventiveEntry.All(policy)];
        _perimeters = [.. policy.Perimeters.SelectMany(p => p.Statements)
            .Select(s => new PerimeterEntry(s, Condition.Compile(s.Condition, policy.Classification, _attributes)))
            .Select(p => (p, new ClauseDecisions(p.Clause)))];
        _planFor = action => new ActionPlan(
            [.. _identityRules.Where(r => !r.IsAllow && r.MatchesAction(action))],
            [.. _identityRules.Where(r => r.IsAllow && r.MatchesAction(action))],
            [.. _preventions.Where(p => p.MatchesAction(action))],
            [.. _perimeters.Select(p => (p.Entry, p.Decisions, Reach: p.Entry.ReachOf(action))).Where(p => p.Reach.Any)],
            IamActionCatalog.Default.FindAction(action) is { RequestTagsPerResourceType: true } details ? details : null);
    }

    public PolicySet Policy { get; }

    /// <summary>The declared key a resource ARN names: <c>arn:PARTITION:kms:REGION:ACCOUNT:alias/NAME</c> of a key in its owner's account.</summary>
    public KeySpec? FindKey(string resource) => Key(ArnParts.Parse(resource))?.Key;

    public AccessDecision Decide(AccessRequest request)
    {
        var plan = _byAction.TryGetValue(request.Action, out var known) ? known : _byAction.GetOrAdd(request.Action, _planFor);
        if (plan.RequestTagsPerType is { } details && !details.CarriesRequestTags(details.ResourceTypeOf(request.Resource)))
        {
            // As AWS presents it: on a resource the action does not tag (RunInstances' image), the request has no tags.
            request = RequestTagsDropped(request);
        }

        var resource = ArnParts.Parse(request.Resource);
        var key = Key(resource);
        var caller = _callers[request.Principal];
        var workspace = t_workspace is { } reused && reused.View.Table == _attributes ? reused : t_workspace = new DecisionWorkspace(_attributes);
        workspace.Clear();
        var view = workspace.View;
        view.Reset(request, key is null ? request.Resource : key.ArnOf(request.Resource), caller, resource.Names("s3"));
        var keyPlan = key?.PlanFor(request.Action);

        // Explicit denies: deny rules in identity policies (which do not reach the root user or service principals), the
        // key policy's Denies, and preventive requirements (SCPs apply to every principal of the organization's accounts).
        var denials = workspace.Denials;
        if (!caller.IsRoot && !caller.IsService)
        {
            foreach (var rule in plan.DenyRules)
            {
                if (rule.Applies(view, identity: true))
                {
                    denials.Add(rule.Decisions);
                }
            }
        }

        key?.Denials(keyPlan!, view, denials);
        if (!caller.IsService)
        {
            foreach (var prevention in plan.Preventions)
            {
                if (prevention.Denies(view))
                {
                    denials.Add(prevention.Decisions);
                }
            }
        }

        // Data perimeters: resource and service control policies and key policy statements, each where it reaches.
        foreach (var (perimeter, decisions, reach) in plan.Perimeters)
        {
            if (perimeter.Denies(view, reach, onKey: key is not null))
            {
                denials.Add(decisions);
            }
        }

        if (denials.Count > 0)
        {
            return ClauseDecisions.Decide(AccessOutcome.ExplicitlyDenied, denials);
        }

        // Grants from identity policies; the root user is not governed by them and may act in its own account.
        var identity = workspace.IdentityGrants;
        if (caller.IsRoot)
        {
            identity.Add(RootUser);
        }
        else if (!caller.IsService)
        {
            foreach (var rule in plan.AllowRules)
            {
                if (rule.Applies(view, identity: true))
                {
                    identity.Add(rule.Decisions);
                }
            }
        }

        if (key is null)
        {
            var resourceAccount = resource.Account;
            if (!resourceAccount.IsEmpty && !resourceAccount.SequenceEqual(caller.Account))
            {
                return OtherAccount;
            }

            return identity.Count > 0 ? ClauseDecisions.Decide(AccessOutcome.Allowed, identity) : NothingGrants;
        }

        return DecideByKey(key, keyPlan!, workspace);
    }

    /// <summary>
    /// Within its own account a key policy entry naming the principal grants alone; otherwise a key grant and a rule
    /// must both allow.
    /// </summary>
    private static AccessDecision DecideByKey(KeyEntry key, KeyEntry.KeyActionPlan plan, DecisionWorkspace workspace)
    {
        var view = workspace.View;
        var grants = workspace.KeyGrants;
        var matches = workspace.KeyGrantMatches;
        KeyEntry.Grants(plan, view, grants, matches);
        var sameAccount = view.Caller.Account == key.Account;
        if (sameAccount)
        {
            var direct = workspace.Cited;
            for (var i = 0; i < grants.Count; i++)
            {
                if (matches[i] == PrincipalMatch.Direct)
                {
                    direct.Add(grants[i]);
                }
            }

            if (direct.Count > 0)
            {
                return ClauseDecisions.Decide(AccessOutcome.Allowed, direct);
            }
        }

        var identity = workspace.IdentityGrants;
        if (grants.Count > 0 && identity.Count > 0)
        {
            grants.AddRange(identity);
            return ClauseDecisions.Decide(AccessOutcome.Allowed, grants);
        }

        return grants.Count == 0 ? key.GrantsToNoOne : sameAccount ? key.LeavesItToIam : key.LeavesItToOtherAccount;
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
        var resource = ArnParts.Parse(request.Resource);
        view.Reset(request, Key(resource) is { } key ? key.ArnOf(request.Resource) : request.Resource, _callers[request.Principal], resource.Names("s3"));
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

    private KeyEntry? Key(ArnParts.Parsed resource) =>
        resource.Names("kms") && _keysByAliasSpan.TryGetValue(resource.Resource, out var key) && resource.Account.SequenceEqual(key.Account) ? key : null;

    /// <summary>The identity rules and preventive requirements that name one action.</summary>
    private static AccessRequest RequestTagsDropped(AccessRequest request) => request with
    {
        Context = request.Context
            .Where(c => !c.Key.StartsWith("aws:RequestTag/", StringComparison.OrdinalIgnoreCase) && !c.Key.Equals("aws:TagKeys", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(StringComparer.OrdinalIgnoreCase),
    };

    /// <summary>
    /// What a request for one action meets: its deny and allow rules, preventions and perimeter statements, and the action's catalogue entry
    /// when its request tags go with some resource types only.
    /// </summary>
    private sealed record ActionPlan(
        RuleEntry[] DenyRules,
        RuleEntry[] AllowRules,
        PreventiveEntry[] Preventions,
        (PerimeterEntry Entry, ClauseDecisions Decisions, PerimeterReach Reach)[] Perimeters,
        IamActionDetails? RequestTagsPerType);
}
