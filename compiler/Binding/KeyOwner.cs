using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Sec08Policy.Compiler.Symbols;

namespace Sec08Policy.Compiler.Binding;

/// <summary>
/// Which account owns a key: the policy header's <c>account</c>; without it, the one account the key's
/// administrators, users and <c>usable by accounts</c> name. Principals of several accounts without a stated owner
/// leave it open: guessing would make whichever account comes first the key's root principal, with
/// <c>PutKeyPolicy</c> and <c>ScheduleKeyDeletion</c>, and could lock the real owner out.
/// </summary>
internal static partial class KeyOwner
{
    [GeneratedRegex(@"^(\d{12})$|^arn:[^:]+:(iam|sts)::(\d{12}):")]
    private static partial Regex AccountInPrincipal();

    /// <summary>The owning account, or null when neither the header nor the key tells it.</summary>
    public static string? Find(KeySymbol key, string? headerAccount)
    {
        if (headerAccount is not null)
        {
            return headerAccount;
        }

        var named = NamedAccounts(key);
        return named.Length == 1 ? named[0] : null;
    }

    /// <summary>The distinct accounts the key's principals belong to, in the order they are first named.</summary>
    public static ImmutableArray<string> NamedAccounts(KeySymbol key)
    {
        var accounts = ImmutableArray.CreateBuilder<string>();
        foreach (var principal in key.Administrators.Concat(key.Users).Concat(key.CallerAccounts))
        {
            if (AccountOf(principal) is { } account && !accounts.Contains(account))
            {
                accounts.Add(account);
            }
        }

        return accounts.ToImmutable();
    }

    public static string? AccountOf(string principal)
    {
        var match = AccountInPrincipal().Match(principal);
        if (!match.Success)
        {
            return null;
        }

        return match.Groups[1].Success ? match.Groups[1].Value : match.Groups[3].Value;
    }
}
