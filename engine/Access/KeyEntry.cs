using System.Collections.Concurrent;
using System.Collections.Immutable;
using Sec08Policy.Engine.Iam.Matching;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Access;

/// <summary>
/// What a declared key's policy grants and denies, in the language's terms: the account (which lets its IAM policies
/// grant), <c>administrators</c>, <c>users</c> (or every principal of <c>usable by accounts</c>) with the conditions
/// of <c>usable via</c>, <c>usable by accounts</c> and <c>encryption context</c>, the rules granted with
/// <c>keys</c>, and the restrictions that hold every use to <c>usable via</c> and <c>encryption context</c>. What
/// applies to an action is selected once per action (<see cref="KeyActionPlan"/>).
/// </summary>
internal sealed class KeyEntry
{
    private readonly ImmutableArray<KeyGrant> _grants;
    private readonly GlobPattern[] _via;
    private readonly string[] _contextConditionKeys;
    private readonly ClauseDecisions _viaDenial;
    private readonly ClauseDecisions[] _contextDenials;
    private readonly ConcurrentDictionary<string, KeyActionPlan> _byAction = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<string, KeyActionPlan> _planFor;
    private readonly InternTable<string> _arns;

    public KeyEntry(KeySpec key, string account, IEnumerable<RuleEntry> rules)
    {
        Key = key;
        Account = account;
        _via = [.. KeyActions.ViaServiceValues(key.ViaServices).Select(v => new GlobPattern(v, ignoreCase: false))];
        _contextConditionKeys = [.. key.EncryptionContextKeys.Select(KeyActions.EncryptionContextConditionKey)];
        var source = $"key {key.Name}";
        _viaDenial = new ClauseDecisions(new DecidingClause(source, $"usable via {string.Join(", ", key.ViaServices)}", key.Origin));
        _contextDenials = [.. key.EncryptionContextKeys.Select(k => new ClauseDecisions(new DecidingClause(source, $"encryption context {k}", key.Origin)))];
        _grants = Grants(key, account, source, rules);
        _planFor = action => new KeyActionPlan(this, action);
        _arns = new InternTable<string>(alias => AccessDecider.KeyArn(alias, key));
        GrantsToNoOne = Refused($"key `{key.Name}` grants it to no one this principal is or belongs to");
        LeavesItToIam = Refused($"key `{key.Name}` lets the account's IAM policies grant it, and no rule does");
        LeavesItToOtherAccount = Refused($"key `{key.Name}` grants it to a principal of another account, whose IAM policies must allow it too, and no rule does");
    }

    public KeySpec Key { get; }

    public string Account { get; }

    /// <summary>The rules granted with <c>keys</c> this key, with the principals their statements name.</summary>
    public List<(RuleEntry Rule, KeyPrincipal[] Principals)> Rules { get; } = [];

    /// <summary>The refusal when no grant of the key reaches the principal.</summary>
    public AccessDecision GrantsToNoOne { get; }

    /// <summary>The refusal when the key delegates to the principal's own account and no rule grants.</summary>
    public AccessDecision LeavesItToIam { get; }

    /// <summary>The refusal when the key grants to a principal of another account and no rule there grants.</summary>
    public AccessDecision LeavesItToOtherAccount { get; }

    /// <summary>The ARN the key is authorized as, for the alias ARN a request names it by.</summary>
    public string ArnOf(string aliasArn) => _arns[aliasArn];

    public KeyActionPlan PlanFor(string action) => _byAction.TryGetValue(action, out var plan) ? plan : _byAction.GetOrAdd(action, _planFor);

    /// <summary>The grants that allow the request, each with how its principal entry reached the principal.</summary>
    public static void Grants(KeyActionPlan plan, RequestView view, List<ClauseDecisions> found, List<PrincipalMatch> matches)
    {
        foreach (var grant in plan.Grants)
        {
            var match = Principals.Strongest(grant.Principals, view.Caller);
            if (match != PrincipalMatch.None && (grant.Condition is null || grant.Condition(view)))
            {
                found.Add(grant.Decisions);
                matches.Add(match);
            }
        }
    }

    /// <summary>
    /// The Denies of the key policy: rules granted with <c>keys</c> that deny, and <c>usable via</c> and
    /// <c>encryption context</c> for every use but by AWS service principals and grants for AWS resources.
    /// </summary>
    public void Denials(KeyActionPlan plan, RequestView view, List<ClauseDecisions> found)
    {
        foreach (var (rule, principals) in plan.DenyRules)
        {
            if (Principals.Strongest(principals, view.Caller) != PrincipalMatch.None && rule.Applies(view, identity: false))
            {
                found.Add(rule.Decisions);
            }
        }

        var byAwsService = IsTrue(view.Context("aws:PrincipalIsAWSService"));
        if (plan.ViaRestricted && _via.Length > 0 && !byAwsService && !IsTrue(view.Context("kms:GrantIsForAWSResource"))
            && !ThroughListedService(view))
        {
            found.Add(_viaDenial);
        }

        if (plan.Cryptographic && !byAwsService)
        {
            for (var i = 0; i < _contextConditionKeys.Length; i++)
            {
                if (view.Context(_contextConditionKeys[i]) is null)
                {
                    found.Add(_contextDenials[i]);
                }
            }
        }
    }

    /// <summary>The users' conditions: through a listed service, from a listed account.</summary>
    private bool UsableHere(RequestView view)
    {
        if (_via.Length > 0 && !ThroughListedService(view))
        {
            return false;
        }

        // AWS KMS puts the caller's account into every request it authorizes; a request that names none is the principal's.
        return Key.CallerAccounts.IsEmpty || (view.Context("kms:CallerAccount") ?? view.Caller.Account) is { } caller && Key.CallerAccounts.Contains(caller);
    }

    private bool ThroughListedService(RequestView view)
    {
        if (view.Context("kms:ViaService") is not { } service)
        {
            return false;
        }

        foreach (var pattern in _via)
        {
            if (pattern.IsMatch(service))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasContext(RequestView view)
    {
        foreach (var conditionKey in _contextConditionKeys)
        {
            if (view.Context(conditionKey) is null)
            {
                return false;
            }
        }

        return true;
    }

    private ImmutableArray<KeyGrant> Grants(KeySpec key, string account, string source, IEnumerable<RuleEntry> rules)
    {
        var grants = ImmutableArray.CreateBuilder<KeyGrant>();
        grants.Add(KeyGrant.Of(new DecidingClause(source, "the account (its IAM policies may grant use)", key.Origin), ["kms:*"], [account], null));
        if (!key.Administrators.IsEmpty)
        {
            var actions = key.MultiRegion ? KeyActions.Administration.AddRange(KeyActions.MultiRegionAdministration) : KeyActions.Administration;
            grants.Add(KeyGrant.Of(new DecidingClause(source, "administrators", key.Origin), actions, key.Administrators, null));
        }

        if (!key.Users.IsEmpty || !key.CallerAccounts.IsEmpty)
        {
            var who = key.Users.IsEmpty ? "usable by accounts" : "users";
            ImmutableArray<string> principals = key.Users.IsEmpty ? ["*"] : key.Users;
            var withContext = _contextConditionKeys.Length > 0;
            var cryptographic = KeyActions.CryptographicOf(key.Spec);
            grants.Add(KeyGrant.Of(
                new DecidingClause(source, who, key.Origin),
                withContext ? cryptographic : cryptographic.Add(KeyActions.DescribeKey),
                principals,
                view => UsableHere(view) && HasContext(view)));
            if (withContext)
            {
                grants.Add(KeyGrant.Of(new DecidingClause(source, who, key.Origin), [KeyActions.DescribeKey], principals, UsableHere));
            }

            if (KeyActions.IsSymmetricEncryption(key.Spec))
            {
                // AWS services attach only symmetric encryption keys to the resources they encrypt.
                grants.Add(KeyGrant.Of(
                    new DecidingClause(source, $"{who} (grants for AWS resources)", key.Origin),
                    KeyActions.PersistentResourceGrants,
                    principals,
                    view => UsableHere(view) && IsTrue(view.Context("kms:GrantIsForAWSResource"))));
            }
        }

        foreach (var rule in rules)
        {
            ImmutableArray<string> principals = rule.Rule.Principals.IsEmpty ? [account] : rule.Rule.Principals;
            Rules.Add((rule, [.. principals.Select(KeyPrincipal.Of)]));
            if (rule.IsAllow)
            {
                grants.Add(new KeyGrant(rule.Decisions, new ActionList(rule.Rule.Actions), [.. principals.Select(KeyPrincipal.Of)], view => rule.Applies(view, identity: false)));
            }
        }

        return grants.ToImmutable();
    }

    private static AccessDecision Refused(string reason) => new(AccessOutcome.ImplicitlyDenied, [], reason);

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The grants, deny rules and restrictions of one key for one action.</summary>
    internal sealed class KeyActionPlan
    {
        public KeyActionPlan(KeyEntry key, string action)
        {
            Grants = [.. key._grants.Where(g => g.Actions.Contains(action))];
            DenyRules = [.. key.Rules.Where(r => !r.Rule.IsAllow && r.Rule.MatchesAction(action))];
            ViaRestricted = new ActionList(KeyActions.ViaServiceRestrictedOf(key.Key.Spec)).Contains(action);
            Cryptographic = new ActionList(KeyActions.CryptographicOf(key.Key.Spec)).Contains(action);
        }

        public KeyGrant[] Grants { get; }

        public (RuleEntry Rule, KeyPrincipal[] Principals)[] DenyRules { get; }

        /// <summary>Whether <c>usable via</c> confines the action.</summary>
        public bool ViaRestricted { get; }

        /// <summary>Whether the action is a cryptographic use, which needs the required encryption context.</summary>
        public bool Cryptographic { get; }
    }

    /// <summary>One Allow of the key policy: what it grants, to whom, on what condition.</summary>
    internal sealed record KeyGrant(ClauseDecisions Decisions, ActionList Actions, KeyPrincipal[] Principals, Func<RequestView, bool>? Condition)
    {
        public static KeyGrant Of(DecidingClause clause, ImmutableArray<string> actions, ImmutableArray<string> principals, Func<RequestView, bool>? condition) =>
            new(new ClauseDecisions(clause), new ActionList(actions), [.. principals.Select(KeyPrincipal.Of)], condition);
    }
}
