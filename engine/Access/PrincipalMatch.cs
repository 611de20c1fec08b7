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
/// ARN), its account, and whether it is the account's root user.
/// </summary>
internal readonly record struct Caller(string Arn, string PolicyArn, string? Account, bool IsRoot)
{
    public static Caller Of(string arn)
    {
        var account = ArnParts.Account(arn);
        var resource = ArnParts.ResourcePart(arn) ?? string.Empty;
        var policyArn = ArnParts.Service(arn) == "sts" && resource.StartsWith("assumed-role/", StringComparison.Ordinal) && resource.Split('/') is [_, var role, _]
            ? $"arn:{arn.Split(':')[1]}:iam::{account}:role/{role}"
            : arn;
        return new Caller(arn, policyArn, account, ArnParts.IsAccountRoot(arn));
    }
}

internal static class Principals
{
    /// <summary>
    /// An entry is <c>*</c>, an account (12 digits or <c>arn:aws:iam::ACCOUNT:root</c>) or a role, user or session
    /// ARN. An account entry names the account's root user directly and delegates to the account's other principals.
    /// </summary>
    public static PrincipalMatch Match(string entry, Caller caller)
    {
        if (entry == "*")
        {
            return PrincipalMatch.Direct;
        }

        var account = AccountEntry(entry);
        if (account is null)
        {
            // A role ARN names its sessions too.
            return entry == caller.Arn || entry == caller.PolicyArn ? PrincipalMatch.Direct : PrincipalMatch.None;
        }

        if (account != caller.Account)
        {
            return PrincipalMatch.None;
        }

        return caller.IsRoot ? PrincipalMatch.Direct : PrincipalMatch.Delegated;
    }

    /// <summary>The account an entry stands for as a whole, or null when it names one principal.</summary>
    public static string? AccountEntry(string entry)
    {
        if (entry.Length == 12 && entry.All(char.IsAsciiDigit))
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
        entry.Length == 12 && entry.All(char.IsAsciiDigit)
            ? entry == caller.Account
            : ArnMatch.IsMatch(entry, caller.PolicyArn);
}
