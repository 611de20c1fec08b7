using System.Collections.Immutable;
using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Engine.Access;

/// <summary>
/// What a declared key's policy grants and denies, in the language's terms: the account (which lets its IAM policies
/// grant), <c>administrators</c>, <c>users</c> (or every principal of <c>usable by accounts</c>) with the conditions
/// of <c>usable via</c>, <c>usable by accounts</c> and <c>encryption context</c>, the rules granted with
/// <c>keys</c>, and the restrictions that hold every use to <c>usable via</c> and <c>encryption context</c>.
/// </summary>
internal sealed class KeyEntry
{
    private readonly ImmutableArray<Grant> _grants;
    private readonly ImmutableArray<string> _via;

    public KeyEntry(KeySpec key, string account, IEnumerable<RuleEntry> rules)
    {
        Key = key;
        Account = account;
        _via = KeyActions.ViaServiceValues(key.ViaServices);
        var grants = ImmutableArray.CreateBuilder<Grant>();
        var source = $"key {key.Name}";
        grants.Add(new Grant(new DecidingClause(source, "the account (its IAM policies may grant use)", key.Origin), ["kms:*"], [account], null));
        if (!key.Administrators.IsEmpty)
        {
            var actions = key.MultiRegion ? KeyActions.Administration.AddRange(KeyActions.MultiRegionAdministration) : KeyActions.Administration;
            grants.Add(new Grant(new DecidingClause(source, "administrators", key.Origin), actions, key.Administrators, null));
        }

        if (!key.Users.IsEmpty || !key.CallerAccounts.IsEmpty)
        {
            var who = key.Users.IsEmpty ? "usable by accounts" : "users";
            ImmutableArray<string> principals = key.Users.IsEmpty ? ["*"] : key.Users;
            var withContext = !key.EncryptionContextKeys.IsEmpty;
            grants.Add(new Grant(
                new DecidingClause(source, who, key.Origin),
                withContext ? KeyActions.Cryptographic : KeyActions.Cryptographic.Add(KeyActions.DescribeKey),
                principals,
                view => UsableHere(view) && (!withContext || key.EncryptionContextKeys.All(k => view.Context(KeyActions.EncryptionContextConditionKey(k)) is not null))));
            if (withContext)
            {
                grants.Add(new Grant(new DecidingClause(source, who, key.Origin), [KeyActions.DescribeKey], principals, UsableHere));
            }

            grants.Add(new Grant(
                new DecidingClause(source, $"{who} (grants for AWS resources)", key.Origin),
                KeyActions.PersistentResourceGrants,
                principals,
                view => UsableHere(view) && IsTrue(view.Context("kms:GrantIsForAWSResource"))));
        }

        foreach (var rule in rules)
        {
            ImmutableArray<string> principals = rule.Rule.Principals.IsEmpty ? [account] : rule.Rule.Principals;
            Rules.Add((rule, principals));
            if (rule.IsAllow)
            {
                grants.Add(new Grant(rule.Clause, rule.Rule.Actions, principals, view => rule.Applies(view, identity: false, default)));
            }
        }

        _grants = grants.ToImmutable();
    }

    public KeySpec Key { get; }

    public string Account { get; }

    /// <summary>The rules granted with <c>keys</c> this key, with the principals their statements name.</summary>
    public List<(RuleEntry Rule, ImmutableArray<string> Principals)> Rules { get; } = [];

    /// <summary>The users' conditions: through a listed service, from a listed account.</summary>
    private bool UsableHere(RequestView view)
    {
        if (!_via.IsEmpty && (view.Context("kms:ViaService") is not { } service || !_via.Any(p => WildcardPattern.IsMatch(p, service, ignoreCase: false))))
        {
            return false;
        }

        // AWS KMS puts the caller's account into every request it authorizes; a request that names none is the principal's.
        return Key.CallerAccounts.IsEmpty || (view.Context("kms:CallerAccount") ?? ArnParts.Account(view.Request.Principal)) is { } caller && Key.CallerAccounts.Contains(caller);
    }

    /// <summary>The grants that allow the request, each with how its principal entry reached the principal.</summary>
    public void Grants(RequestView view, Caller caller, List<(DecidingClause Clause, PrincipalMatch Match)> found)
    {
        var request = view.Request;
        foreach (var grant in _grants)
        {
            if (!Actions.Match(grant.Actions, request.Action))
            {
                continue;
            }

            var match = PrincipalMatch.None;
            foreach (var entry in grant.Principals)
            {
                var m = Principals.Match(entry, caller);
                if (m == PrincipalMatch.Direct || (m == PrincipalMatch.Delegated && match == PrincipalMatch.None))
                {
                    match = m;
                }
            }

            if (match != PrincipalMatch.None && (grant.Condition is null || grant.Condition(view)))
            {
                found.Add((grant.Clause, match));
            }
        }
    }

    /// <summary>
    /// The Denies of the key policy: rules granted with <c>keys</c> that deny, and <c>usable via</c> and
    /// <c>encryption context</c> for every use but by AWS service principals and grants for AWS resources.
    /// </summary>
    public void Denials(RequestView view, Caller caller, List<DecidingClause> found)
    {
        var request = view.Request;
        foreach (var (rule, principals) in Rules)
        {
            if (!rule.IsAllow && rule.MatchesAction(request.Action)
                && principals.Any(p => Principals.Match(p, caller) != PrincipalMatch.None)
                && rule.Applies(view, identity: false, caller))
            {
                found.Add(rule.Clause);
            }
        }

        var byAwsService = IsTrue(view.Context("aws:PrincipalIsAWSService"));
        if (!_via.IsEmpty && !byAwsService && !IsTrue(view.Context("kms:GrantIsForAWSResource"))
            && Actions.Match(KeyActions.ViaServiceRestricted, request.Action)
            && (view.Context("kms:ViaService") is not { } service || !_via.Any(p => WildcardPattern.IsMatch(p, service, ignoreCase: false))))
        {
            found.Add(new DecidingClause($"key {Key.Name}", $"usable via {string.Join(", ", Key.ViaServices)}", Key.Origin));
        }

        if (!byAwsService && Actions.Match(KeyActions.Cryptographic, request.Action))
        {
            foreach (var contextKey in Key.EncryptionContextKeys)
            {
                if (view.Context(KeyActions.EncryptionContextConditionKey(contextKey)) is null)
                {
                    found.Add(new DecidingClause($"key {Key.Name}", $"encryption context {contextKey}", Key.Origin));
                }
            }
        }
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private sealed record Grant(DecidingClause Clause, ImmutableArray<string> Actions, ImmutableArray<string> Principals, Func<RequestView, bool>? Condition);
}
