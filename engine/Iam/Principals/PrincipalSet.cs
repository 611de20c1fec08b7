namespace Sec08Policy.Engine.Iam.Principals;

/// <summary>
/// A statement's <c>Principal</c> or <c>NotPrincipal</c>, indexed by what each entry names: everyone, accounts, users,
/// roles (by account and name, whatever the path), role sessions, federated users, services. <c>Federated</c> and
/// <c>CanonicalUser</c> entries and IAM unique IDs are kept for completeness; no request principal the engine models
/// is one of them, so they match nothing.
/// </summary>
internal sealed class PrincipalSet
{
    private readonly bool _everyone;
    private readonly HashSet<string> _accounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _users = new(StringComparer.Ordinal);
    private readonly HashSet<string> _roles = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _federatedUsers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _services = new(StringComparer.OrdinalIgnoreCase);

    public PrincipalSet(bool everyone, IEnumerable<PrincipalEntry> entries)
    {
        _everyone = everyone;
        foreach (var entry in entries)
        {
            var target = entry.Kind switch
            {
                PrincipalEntryKind.Account => _accounts,
                PrincipalEntryKind.User => _users,
                PrincipalEntryKind.Role => _roles,
                PrincipalEntryKind.RoleSession => _sessions,
                PrincipalEntryKind.FederatedUser => _federatedUsers,
                PrincipalEntryKind.Service => _services,
                _ => null,
            };
            target?.Add(entry.Value);
        }
    }

    /// <summary>The strongest way an entry names <paramref name="principal"/>.</summary>
    public PrincipalMatch Match(IamPrincipal principal)
    {
        switch (principal.Kind)
        {
            case IamPrincipalKind.User when _users.Contains(principal.Arn!):
            case IamPrincipalKind.FederatedUser when _federatedUsers.Contains(principal.Arn!):
            case IamPrincipalKind.Service when _services.Contains(principal.Name!):
            case IamPrincipalKind.RoleSession when principal.HasSessionArn && _sessions.Contains(principal.Arn!):
                return PrincipalMatch.Direct;
            case IamPrincipalKind.RoleSession when _roles.Contains(RoleKey(principal.Account!, principal.RoleName!)):
                return PrincipalMatch.RoleOrEveryone;
        }

        if (_everyone)
        {
            return PrincipalMatch.RoleOrEveryone;
        }

        return principal.Account is { } account && _accounts.Contains(account) ? PrincipalMatch.Account : PrincipalMatch.None;
    }

    /// <summary>
    /// Whether <c>NotPrincipal</c> exempts <paramref name="principal"/>: AWS checks the account, then the role, then
    /// the session (or the user), so every one of them must be listed (the AWS page on NotPrincipal); a session whose
    /// name is not known is never exempt unless the entry is everyone.
    /// </summary>
    public bool Exempts(IamPrincipal principal)
    {
        if (_everyone)
        {
            return true;
        }

        return principal.Kind switch
        {
            IamPrincipalKind.Root => _accounts.Contains(principal.Account!),
            IamPrincipalKind.User => _accounts.Contains(principal.Account!) && _users.Contains(principal.Arn!),
            IamPrincipalKind.FederatedUser => _accounts.Contains(principal.Account!) && _federatedUsers.Contains(principal.Arn!),
            IamPrincipalKind.RoleSession => _accounts.Contains(principal.Account!)
                && _roles.Contains(RoleKey(principal.Account!, principal.RoleName!))
                && principal.HasSessionArn && _sessions.Contains(principal.Arn!),
            IamPrincipalKind.Service => _services.Contains(principal.Name!),
            _ => false,
        };
    }

    public static string RoleKey(string account, string roleName) => account + "/" + roleName;
}

internal enum PrincipalEntryKind
{
    Account,
    User,
    Role,
    RoleSession,
    FederatedUser,
    Service,

    /// <summary>A <c>Federated</c> or <c>CanonicalUser</c> principal, or an IAM unique ID: never the principal of a modelled request.</summary>
    Other,
}

/// <summary>One principal a policy names, normalised: an account ID, an ARN, a role's <c>account/name</c>, a service name.</summary>
internal readonly record struct PrincipalEntry(PrincipalEntryKind Kind, string Value);
