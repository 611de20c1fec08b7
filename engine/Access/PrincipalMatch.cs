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

internal static class Principals
{
    /// <summary>
    /// An entry is <c>*</c>, an account (12 digits or <c>arn:aws:iam::ACCOUNT:root</c>) or a role, user or session
    /// ARN. An account entry names the account's root user directly and delegates to the account's other principals.
    /// </summary>
    public static PrincipalMatch Match(string entry, string principal, string? principalAccount)
    {
        if (entry == "*")
        {
            return PrincipalMatch.Direct;
        }

        var account = AccountEntry(entry);
        if (account is null)
        {
            return string.Equals(entry, principal, StringComparison.Ordinal) ? PrincipalMatch.Direct : PrincipalMatch.None;
        }

        if (account != principalAccount)
        {
            return PrincipalMatch.None;
        }

        return ArnParts.IsAccountRoot(principal) ? PrincipalMatch.Direct : PrincipalMatch.Delegated;
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
    public static bool InRule(string entry, string principal, string? principalAccount) =>
        entry.Length == 12 && entry.All(char.IsAsciiDigit)
            ? entry == principalAccount && principal.StartsWith("arn:", StringComparison.Ordinal) && ArnParts.Service(principal) == "iam"
            : Catalog.WildcardPattern.IsMatch(entry, principal, ignoreCase: false);
}
