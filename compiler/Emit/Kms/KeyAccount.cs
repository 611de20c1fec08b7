using System.Text.RegularExpressions;
using Sec08Policy.Compiler.Symbols;

namespace Sec08Policy.Compiler.Emit.Kms;

/// <summary>Which account owns a key: the policy header's <c>account</c>, else the account of its administrators or users.</summary>
internal static partial class KeyAccount
{
    [GeneratedRegex(@"^(\d{12})$|^arn:[^:]+:(iam|sts)::(\d{12}):")]
    private static partial Regex AccountInPrincipal();

    public static string? Find(KeySymbol key, string? headerAccount)
    {
        if (headerAccount is not null)
        {
            return headerAccount;
        }

        foreach (var principal in key.Administrators.Concat(key.Users))
        {
            var match = AccountInPrincipal().Match(principal);
            if (match.Success)
            {
                return match.Groups[1].Success ? match.Groups[1].Value : match.Groups[3].Value;
            }
        }

        return key.CallerAccounts.FirstOrDefault();
    }
}
