using Sec08Policy.Engine.Iam;
using Sec08Policy.Engine.Iam.Matching;

namespace Sec08Policy.Engine.Access;

/// <summary>How a principal entry of a key policy statement reaches the principal of a request.</summary>
internal enum PrincipalMatch
{
    None,

    /// <summary>The entry names the principal (or everyone): the key policy alone grants, within the key's account.</summary>
    Direct,

    /// <summary>The entry names the principal's account: the account's own IAM policies must allow as well.</summary>
    Delegated,
}

/// <summary>
/// The principal of a request as policies see it: the ARN it was given as, <c>aws:PrincipalArn</c> (a session's role
/// ARN), its account, whether it is the account's root user, and whether it is an AWS service principal
/// (<c>s3.amazonaws.com</c>), which has no identity policies and is outside every account's SCPs.
/// </summary>
internal readonly record struct Caller(string Arn, string PolicyArn, string? Account, bool IsRoot)
{
    /// <summary>A service-linked role, which resource and service control policies do not reach.</summary>
    public bool IsServiceLinkedRole { get; init; }

    /// <summary>
    /// A user, role session, federated user or root user of an account, whom service control policies reach. A
    /// principal IAM cannot read (a malformed ARN in a test file) counts as one when it is an ARN: perimeters fail
    /// closed on it.
    /// </summary>
    public bool IsAccountMember { get; init; }

    public bool IsService => !Arn.StartsWith("arn:", StringComparison.Ordinal);

    public static Caller Of(string arn)
    {
        var account = ArnParts.Account(arn);
        var resource = ArnParts.ResourcePart(arn) ?? string.Empty;
        var policyArn = ArnParts.Service(arn) == "sts" && resource.StartsWith("assumed-role/", StringComparison.Ordinal) && resource.Split('/') is [_, var role, _]
            ? $"arn:{arn.Split(':')[1]}:iam::{account}:role/{role}"
            : arn;
        var parsed = IamPrincipal.TryParse(arn, out var principal, out _);
        return new Caller(arn, policyArn, account, ArnParts.IsAccountRoot(arn))
        {
            IsServiceLinkedRole = parsed && principal.IsServiceLinkedRole,
            IsAccountMember = parsed
                ? principal.Kind is IamPrincipalKind.User or IamPrincipalKind.RoleSession or IamPrincipalKind.FederatedUser or IamPrincipalKind.Root
                : arn.StartsWith("arn:", StringComparison.Ordinal),
        };
    }
}

/// <summary>
/// A principal entry of a key policy statement, read once: <c>*</c>, an account (12 digits or
/// <c>arn:aws:iam::ACCOUNT:root</c>) or a role, user or session ARN.
/// </summary>
internal readonly record struct KeyPrincipal(string Entry, string? Account)
{
    public static KeyPrincipal Of(string entry) => new(entry, Principals.AccountEntry(entry));

    /// <summary>An account entry names the account's root user directly and delegates to the account's other principals.</summary>
    public PrincipalMatch Match(Caller caller)
    {
        if (Entry == "*")
        {
            return PrincipalMatch.Direct;
        }

        if (Account is null)
        {
            // A role ARN names its sessions too.
            return Entry == caller.Arn || Entry == caller.PolicyArn ? PrincipalMatch.Direct : PrincipalMatch.None;
        }

        if (Account != caller.Account)
        {
            return PrincipalMatch.None;
        }

        return caller.IsRoot ? PrincipalMatch.Direct : PrincipalMatch.Delegated;
    }
}

internal static class Principals
{
    /// <summary>How the strongest of <paramref name="entries"/> reaches the caller.</summary>
    public static PrincipalMatch Strongest(KeyPrincipal[] entries, Caller caller)
    {
        var match = PrincipalMatch.None;
        foreach (var entry in entries)
        {
            var m = entry.Match(caller);
            if (m == PrincipalMatch.Direct)
            {
                return m;
            }

            match = m == PrincipalMatch.Delegated ? m : match;
        }

        return match;
    }

    /// <summary>The account an entry stands for as a whole, or null when it names one principal.</summary>
    public static string? AccountEntry(string entry)
    {
        if (IsAccountId(entry))
        {
            return entry;
        }

        return ArnParts.IsAccountRoot(entry) ? ArnParts.Account(entry) : null;
    }

    /// <summary>
    /// A rule's <c>principals</c> in an identity policy: <c>aws:PrincipalArn</c> is like one of the ARNs, or in one of
    /// the accounts (<c>arn:aws:iam::ACCOUNT:*</c>).
    /// </summary>
    public static bool InRule(string entry, Caller caller) =>
        IsAccountId(entry)
            ? entry == caller.Account
            : ArnMatch.IsMatch(entry, caller.PolicyArn);

    private static bool IsAccountId(string entry) => entry.Length == 12 && !entry.AsSpan().ContainsAnyExceptInRange('0', '9');
}
