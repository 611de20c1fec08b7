using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Sec08Policy.Engine.Predicates;

/// <summary>How a request or principal attribute is typed, which decides the comparisons and the IAM operators.</summary>
public enum ContextValueKind
{
    /// <summary><c>true</c> or <c>false</c>: <c>Bool</c>.</summary>
    Boolean,

    /// <summary>An identifier compared exactly: <c>StringEquals</c>.</summary>
    Text,

    /// <summary>An IP address matched against CIDR blocks: <c>IpAddress</c>.</summary>
    Address,

    /// <summary>An ARN matched against patterns with <c>*</c> and <c>?</c>: <c>ArnLike</c>.</summary>
    Arn,

    /// <summary>A number of minutes, sent to IAM in seconds: <c>Numeric...</c>.</summary>
    Minutes,

    /// <summary>An instant: <c>Date...</c>.</summary>
    Instant,
}

/// <summary>
/// Which format a value of a <see cref="ContextValueKind.Text"/> attribute must have; checked when binding so that a
/// malformed organization ID or VPC ID is an error at its position rather than a statement that never matches.
/// </summary>
public enum ContextValueFormat
{
    Any,
    OrganizationId,
    AccountId,
    VpcId,
    VpcEndpointId,
}

/// <summary>
/// Why a negated test on the attribute is exempted for AWS services. A network or identity attribute is absent, or holds
/// the service's own value, when an AWS service makes the request: a deny on <c>request.vpc_endpoint not in [...]</c>
/// would otherwise refuse every request that S3, CloudFormation or KMS make on the principal's behalf.
/// </summary>
[Flags]
public enum ServiceExemption
{
    None = 0,

    /// <summary>Not when an AWS service principal calls (<c>aws:PrincipalIsAWSService</c>).</summary>
    ServicePrincipal = 1,

    /// <summary>Not when an AWS service calls on the principal's behalf (<c>aws:ViaAWSService</c>).</summary>
    ViaService = 2,

    Both = ServicePrincipal | ViaService,
}

/// <summary>
/// A request or principal attribute the language reads, other than tags: its name in the language, its IAM global
/// condition key, its kind and whether negated tests on it exempt AWS services. One table, read by the binder, the
/// lowering, the emitters and the decision procedure.
/// </summary>
public sealed record ContextAttribute(
    string Name,
    string IamKey,
    ContextValueKind Kind,
    ContextValueFormat Format,
    ServiceExemption Exemption,
    string Description)
{
    public static ContextAttribute MfaPresent { get; } = new("principal.mfa", "aws:MultiFactorAuthPresent", ContextValueKind.Boolean, ContextValueFormat.Any, ServiceExemption.None,
        "the request was signed with credentials obtained with MFA; absent for long-term access keys");

    public static ContextAttribute MfaAge { get; } = new("principal.mfa_age", "aws:MultiFactorAuthAge", ContextValueKind.Minutes, ContextValueFormat.Any, ServiceExemption.None,
        "minutes since the principal authenticated with MFA; absent without MFA");

    public static ContextAttribute PrincipalOrg { get; } = new("principal.org", "aws:PrincipalOrgID", ContextValueKind.Text, ContextValueFormat.OrganizationId, ServiceExemption.ServicePrincipal,
        "the organization ID of the principal's account; absent for AWS service principals and accounts outside an organization");

    public static ContextAttribute PrincipalAccount { get; } = new("principal.account", "aws:PrincipalAccount", ContextValueKind.Text, ContextValueFormat.AccountId, ServiceExemption.ServicePrincipal,
        "the principal's account ID");

    public static ContextAttribute PrincipalArn { get; } = new("principal.arn", "aws:PrincipalArn", ContextValueKind.Arn, ContextValueFormat.Any, ServiceExemption.None,
        "the principal's ARN (a role session's role); compared with ARN patterns");

    public static ContextAttribute PrincipalIsAwsService { get; } = new("principal.is_aws_service", "aws:PrincipalIsAWSService", ContextValueKind.Boolean, ContextValueFormat.Any, ServiceExemption.None,
        "the caller is an AWS service principal such as cloudtrail.amazonaws.com");

    public static ContextAttribute ResourceOrg { get; } = new("resource.org", "aws:ResourceOrgID", ContextValueKind.Text, ContextValueFormat.OrganizationId, ServiceExemption.ViaService,
        "the organization ID of the resource's account");

    public static ContextAttribute ResourceAccount { get; } = new("resource.account", "aws:ResourceAccount", ContextValueKind.Text, ContextValueFormat.AccountId, ServiceExemption.ViaService,
        "the resource's account ID");

    public static ContextAttribute VpcEndpoint { get; } = new("request.vpc_endpoint", "aws:SourceVpce", ContextValueKind.Text, ContextValueFormat.VpcEndpointId, ServiceExemption.Both,
        "the VPC endpoint the request came through; absent for requests from outside a VPC endpoint");

    public static ContextAttribute SourceVpc { get; } = new("request.source_vpc", "aws:SourceVpc", ContextValueKind.Text, ContextValueFormat.VpcId, ServiceExemption.Both,
        "the VPC the request came from through an endpoint; absent otherwise");

    public static ContextAttribute SourceIp { get; } = new("request.source_ip", "aws:SourceIp", ContextValueKind.Address, ContextValueFormat.Any, ServiceExemption.Both,
        "the requester's public IP address; absent for requests through a VPC endpoint");

    public static ContextAttribute SecureTransport { get; } = new("request.secure_transport", "aws:SecureTransport", ContextValueKind.Boolean, ContextValueFormat.Any, ServiceExemption.None,
        "the request was sent over TLS");

    public static ContextAttribute ViaAwsService { get; } = new("request.via_aws_service", "aws:ViaAWSService", ContextValueKind.Boolean, ContextValueFormat.Any, ServiceExemption.None,
        "an AWS service makes the request on the principal's behalf (forward access sessions)");

    public static ContextAttribute Time { get; } = new("request.time", "aws:CurrentTime", ContextValueKind.Instant, ContextValueFormat.Any, ServiceExemption.None,
        "the time of the request");

    public static ImmutableArray<ContextAttribute> All { get; } =
    [
        MfaPresent, MfaAge, PrincipalOrg, PrincipalAccount, PrincipalArn, PrincipalIsAwsService,
        ResourceOrg, ResourceAccount,
        VpcEndpoint, SourceVpc, SourceIp, SecureTransport, ViaAwsService, Time,
    ];

    private static readonly FrozenDictionary<string, ContextAttribute> s_byName = All.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);

    public static ContextAttribute? Find(string name) => s_byName.GetValueOrDefault(name);

    /// <summary>An IPv4 or IPv6 address or CIDR block as IAM's <c>IpAddress</c> operator reads it.</summary>
    public static bool IsAddressBlock(string text) => Iam.Conditions.IpValue.TryParse(text, out _);

    /// <summary>The name after the scope (<c>mfa</c> of <c>principal.mfa</c>).</summary>
    public string Member => Name[(Name.IndexOf('.', StringComparison.Ordinal) + 1)..];

    public override string ToString() => Name;
}
