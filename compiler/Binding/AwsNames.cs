using System.Text.RegularExpressions;

namespace Sec08Policy.Compiler.Binding;

/// <summary>Shape checks for AWS identifiers written in policies.</summary>
internal static partial class AwsNames
{
    [GeneratedRegex(@"^(\d{12}|arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::\d{12}:(root|(role|user)/[\w+=,.@/-]+)|arn:aws(-cn|-us-gov|-iso|-iso-b)?:sts::\d{12}:assumed-role/[\w+=,.@-]+/[\w+=,.@-]+)$")]
    private static partial Regex PrincipalPattern();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex(@"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^alias/[a-zA-Z0-9/_-]+$")]
    private static partial Regex AliasPattern();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$")]
    private static partial Regex TagKeyPattern();

    public static bool IsPrincipal(string value) => PrincipalPattern().IsMatch(value);

    public static bool IsAccount(string value) => AccountPattern().IsMatch(value);

    public static bool IsRegion(string value) => RegionPattern().IsMatch(value);

    /// <summary><c>*</c> or an ARN pattern with the six colon-separated parts every ARN has.</summary>
    public static bool IsResourcePattern(string value) =>
        value == "*" || (value.StartsWith("arn:", StringComparison.Ordinal) && value.Split(':', 6).Length == 6);

    /// <summary>A CloudFormation logical ID or Terraform address (with wildcards): no spaces, not empty.</summary>
    public static bool IsResourceName(string value) =>
        value.Length > 0 && !value.Any(char.IsWhiteSpace) && !value.StartsWith("arn:", StringComparison.Ordinal);

    /// <summary>Why a KMS alias is invalid, or null when it is valid.</summary>
    public static string? AliasProblem(string alias)
    {
        if (!alias.StartsWith("alias/", StringComparison.Ordinal))
        {
            return "it must start with `alias/`";
        }

        if (alias.StartsWith("alias/aws/", StringComparison.Ordinal))
        {
            return "`alias/aws/` is reserved for AWS managed keys";
        }

        if (alias.Length > 256)
        {
            return "it is longer than 256 characters";
        }

        return AliasPattern().IsMatch(alias) ? null : "only letters, digits, `/`, `_` and `-` may follow `alias/`";
    }

    /// <summary>Why a tag key is invalid, or null when it is valid.</summary>
    public static string? TagKeyProblem(string key)
    {
        if (key.Length is 0 or > 128)
        {
            return "a tag key has 1 to 128 characters";
        }

        if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            return "the `aws:` prefix is reserved for AWS";
        }

        return TagKeyPattern().IsMatch(key) ? null : "only letters, digits, spaces and `_ . : / = + - @` are allowed";
    }
}
