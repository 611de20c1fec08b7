using System.Text.RegularExpressions;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Compiler.Binding;

/// <summary>The shapes of organization, account, VPC and VPC endpoint IDs and CIDR blocks, as AWS documents them.</summary>
internal static partial class ContextValues
{
    [GeneratedRegex(@"^o-[a-z0-9]{10,32}$")]
    private static partial Regex OrganizationPattern();

    [GeneratedRegex(@"^vpc-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex VpcPattern();

    [GeneratedRegex(@"^vpce-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex VpcEndpointPattern();

    /// <summary>What <paramref name="value"/> should have been, or null when it has the attribute's shape.</summary>
    public static string? Problem(ContextAttribute attribute, string value) => attribute.Kind switch
    {
        ContextValueKind.Address => IsCidr(value) ? null : "an IPv4 or IPv6 address or CIDR block (`203.0.113.0/24`)",
        ContextValueKind.Arn => value.StartsWith("arn:", StringComparison.Ordinal) && value.Split(':', 6).Length == 6 ? null : "an ARN or ARN pattern (`arn:aws:iam::111122223333:role/BreakGlass`)",
        _ => attribute.Format switch
        {
            ContextValueFormat.OrganizationId => OrganizationPattern().IsMatch(value) ? null : "an organization ID (`o-` and 10 to 32 lowercase letters or digits)",
            ContextValueFormat.AccountId => AwsNames.IsAccount(value) ? null : "an account ID (12 digits)",
            ContextValueFormat.VpcId => VpcPattern().IsMatch(value) ? null : "a VPC ID (`vpc-` and 8 or 17 hexadecimal digits)",
            ContextValueFormat.VpcEndpointId => VpcEndpointPattern().IsMatch(value) ? null : "a VPC endpoint ID (`vpce-` and 8 or 17 hexadecimal digits)",
            _ => null,
        },
    };

    public static bool IsOrganization(string value) => OrganizationPattern().IsMatch(value);

    public static bool IsVpc(string value) => VpcPattern().IsMatch(value);

    public static bool IsVpcEndpoint(string value) => VpcEndpointPattern().IsMatch(value);

    /// <summary>An address or a CIDR block whose prefix length fits its family, as IAM's <c>IpAddress</c> reads it.</summary>
    public static bool IsCidr(string value) => ContextAttribute.IsAddressBlock(value);
}
