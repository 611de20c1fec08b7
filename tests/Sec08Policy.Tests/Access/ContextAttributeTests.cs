using System.Collections.Immutable;
using Sec08Policy.Compiler.Emit;
using Sec08Policy.Engine.Access;
using Sec08Policy.Engine.Iam;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Access;

/// <summary>
/// Request and principal attributes (<c>principal.mfa</c>, <c>request.source_ip</c>, ...) on the boundary classes of
/// each: the language's decision procedure and the IAM decision engine deciding the emitted identity policy must both
/// deny exactly where the rule says.
/// </summary>
public class ContextAttributeTests
{
    private const string Role = "arn:aws:iam::111122223333:role/Analyst";
    private const string Object = "arn:aws:s3:::acme-data/report.csv";
    private static readonly DateTimeOffset s_now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static readonly IamPolicyDocument s_allowAll = IamPolicyDocument.Parse(
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", IamPolicyKind.Identity, "allow-all").Document!;

    /// <summary>Whether the rule's deny applies, decided by the language and by IAM on the compiled policy; the two must agree.</summary>
    private static bool Denied(string condition, string principal, Dictionary<string, string> context, DateTimeOffset? time = null)
    {
        var source = $$"""
            policy "t" { account "111122223333" }
            deny guarded {
              actions s3:GetObject
              when {{condition}}
            }
            allow reads {
              actions s3:GetObject
            }
            """;
        var compilation = TestPolicies.Compile(source);
        Assert.That(compilation.GetDiagnostics().Where(d => d.Severity == Compiler.Diagnostics.DiagnosticSeverity.Error), Is.Empty);
        var emitted = compilation.Emit(new EmitOptions());
        Assert.That(emitted.Success, Is.True);
        var document = IamPolicyDocument.Parse(emitted.Artifacts.Single(a => a.Path == "iam/guarded.json").Content, IamPolicyKind.Identity, "iam/guarded.json");
        Assert.That(document.Success, Is.True, string.Join("; ", document.Problems));

        var when = time ?? s_now;
        var language = new AccessDecider(compilation.Lower()!).Decide(new AccessRequest
        {
            Principal = principal,
            Action = "s3:GetObject",
            Resource = Object,
            Context = context,
            S3BucketAbac = true,
            Time = when,
        });
        var iam = new IamPolicySet { IdentityPolicies = [document.Document!, s_allowAll] }.Decide(new IamRequest
        {
            Principal = IamPrincipal.Parse(principal),
            Action = "s3:GetObject",
            Resource = Object,
            Context = context.ToImmutableDictionary(c => c.Key, c => ImmutableArray.Create(c.Value)),
            Time = when,
        });

        var languageDenies = language.Outcome == AccessOutcome.ExplicitlyDenied;
        var iamDenies = iam.Outcome == IamDecisionOutcome.ExplicitlyDenied;
        Assert.That(iamDenies, Is.EqualTo(languageDenies), $"the language says {language.Outcome}, IAM says {iam}");
        return languageDenies;
    }

    private static Dictionary<string, string> Context(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    [TestCase(new string[0], true, TestName = "Mfa_LongTermKeys_KeyAbsent_Denied")]
    [TestCase(new[] { "aws:MultiFactorAuthPresent=false" }, true, TestName = "Mfa_SessionWithoutMfa_Denied")]
    [TestCase(new[] { "aws:MultiFactorAuthPresent=true" }, false, TestName = "Mfa_SessionWithMfa_NotDenied")]
    public void MfaRequired(string[] context, bool denied) =>
        Assert.That(Denied("principal.mfa != true", Role, Context(context)), Is.EqualTo(denied));

    [TestCase(new string[0], true, TestName = "MfaAge_NoMfa_Denied")]
    [TestCase(new[] { "aws:MultiFactorAuthAge=3599" }, false, TestName = "MfaAge_JustUnderAnHour_NotDenied")]
    [TestCase(new[] { "aws:MultiFactorAuthAge=3600" }, false, TestName = "MfaAge_ExactlyAnHour_NotDenied")]
    [TestCase(new[] { "aws:MultiFactorAuthAge=3601" }, true, TestName = "MfaAge_JustOverAnHour_Denied")]
    public void MfaAgeWithinAnHour(string[] context, bool denied) =>
        Assert.That(Denied("not (principal.mfa_age <= 60)", Role, Context(context)), Is.EqualTo(denied));

    [TestCase(Role, new[] { "aws:PrincipalOrgID=o-a1b2c3d4e5" }, false, TestName = "Org_Member_NotDenied")]
    [TestCase(Role, new[] { "aws:PrincipalOrgID=o-zzzzzzzzzz" }, true, TestName = "Org_OtherOrganization_Denied")]
    [TestCase(Role, new string[0], true, TestName = "Org_NoOrganization_Denied")]
    [TestCase("s3.amazonaws.com", new string[0], false, TestName = "Org_AwsServicePrincipal_Exempt")]
    public void OrganizationPerimeter(string principal, string[] context, bool denied) =>
        Assert.That(Denied("principal.org != \"o-a1b2c3d4e5\"", principal, Context(context)), Is.EqualTo(denied));

    [TestCase(Role, false, TestName = "Account_Listed_NotDenied")]
    [TestCase("arn:aws:iam::444455556666:role/Partner", true, TestName = "Account_Other_Denied")]
    public void AccountPerimeter(string principal, bool denied) =>
        Assert.That(Denied("principal.account not in [\"111122223333\"]", principal, []), Is.EqualTo(denied));

    [TestCase(new[] { "aws:ResourceAccount=111122223333" }, false, TestName = "ResourceAccount_Own_NotDenied")]
    [TestCase(new[] { "aws:ResourceAccount=444455556666" }, true, TestName = "ResourceAccount_Other_Denied")]
    [TestCase(new[] { "aws:ResourceAccount=444455556666", "aws:ViaAWSService=true" }, false, TestName = "ResourceAccount_ThroughAnAwsService_Exempt")]
    [TestCase(new[] { "aws:ResourceOrgID=o-a1b2c3d4e5", "aws:ResourceAccount=444455556666" }, false, TestName = "ResourceOrg_Member_NotDenied")]
    public void ResourcePerimeter(string[] context, bool denied) =>
        Assert.That(Denied("resource.org != \"o-a1b2c3d4e5\" and resource.account != \"111122223333\"", Role, Context(context)), Is.EqualTo(denied));

    [TestCase(new[] { "aws:SourceVpce=vpce-0123456789abcdef0" }, false, TestName = "Endpoint_Listed_NotDenied")]
    [TestCase(new[] { "aws:SourceVpce=vpce-0123456789abcdef1" }, true, TestName = "Endpoint_Other_Denied")]
    [TestCase(new string[0], true, TestName = "Endpoint_Internet_Denied")]
    [TestCase(new[] { "kms:ViaService=s3.eu-west-1.amazonaws.com" }, false, TestName = "Endpoint_ThroughAnAwsService_Exempt")]
    [TestCase(new[] { "aws:ViaAWSService=true" }, false, TestName = "Endpoint_ForwardAccessSession_Exempt")]
    public void EndpointPerimeter(string[] context, bool denied) =>
        Assert.That(Denied("request.vpc_endpoint not in [\"vpce-0123456789abcdef0\"]", Role, Context(context)), Is.EqualTo(denied));

    [TestCase("s3.amazonaws.com", false, TestName = "Endpoint_ServicePrincipal_Exempt")]
    public void EndpointPerimeterForServices(string principal, bool denied) =>
        Assert.That(Denied("request.vpc_endpoint not in [\"vpce-0123456789abcdef0\"]", principal, []), Is.EqualTo(denied));

    [TestCase(new[] { "aws:SourceVpc=vpc-0123456789abcdef0" }, false, TestName = "Vpc_Listed_NotDenied")]
    [TestCase(new[] { "aws:SourceVpc=vpc-01234567" }, true, TestName = "Vpc_Other_Denied")]
    [TestCase(new string[0], true, TestName = "Vpc_Internet_Denied")]
    public void VpcPerimeter(string[] context, bool denied) =>
        Assert.That(Denied("request.source_vpc != \"vpc-0123456789abcdef0\"", Role, Context(context)), Is.EqualTo(denied));

    [TestCase("203.0.113.0", false, TestName = "Ip_FirstAddressOfTheBlock_NotDenied")]
    [TestCase("203.0.113.255", false, TestName = "Ip_LastAddressOfTheBlock_NotDenied")]
    [TestCase("203.0.114.0", true, TestName = "Ip_NextAddressAfterTheBlock_Denied")]
    [TestCase("2001:db8::1", false, TestName = "Ip_InTheIpv6Block_NotDenied")]
    [TestCase("2001:db9::1", true, TestName = "Ip_OutsideTheIpv6Block_Denied")]
    [TestCase(null, true, TestName = "Ip_ThroughAnEndpoint_KeyAbsent_Denied")]
    public void IpPerimeter(string? address, bool denied) =>
        Assert.That(Denied("request.source_ip not in [\"203.0.113.0/24\", \"2001:db8::/32\"]", Role, address is null ? [] : Context($"aws:SourceIp={address}")), Is.EqualTo(denied));

    [TestCase(new[] { "aws:SecureTransport=false" }, true, TestName = "Tls_Plain_Denied")]
    [TestCase(new[] { "aws:SecureTransport=true" }, false, TestName = "Tls_Secure_NotDenied")]
    [TestCase(new string[0], true, TestName = "Tls_KeyAbsent_Denied")]
    public void SecureTransport(string[] context, bool denied) =>
        Assert.That(Denied("request.secure_transport != true", Role, Context(context)), Is.EqualTo(denied));

    [TestCase(Role, new[] { "kms:ViaService=s3.eu-west-1.amazonaws.com" }, true, TestName = "Via_ThroughAService_Denied")]
    [TestCase(Role, new string[0], false, TestName = "Via_Direct_NotDenied")]
    [TestCase("s3.amazonaws.com", new string[0], false, TestName = "IsService_ServicePrincipal_NoIdentityPolicyReachesIt")]
    public void ServiceCallers(string principal, string[] context, bool denied) =>
        Assert.That(Denied("request.via_aws_service == true or principal.is_aws_service == true", principal, Context(context)), Is.EqualTo(denied));

    [TestCase("2026-12-31T23:59:59Z", false, TestName = "Time_LastSecondBefore_NotDenied")]
    [TestCase("2027-01-01T00:00:00Z", true, TestName = "Time_TheInstant_Denied")]
    [TestCase("2027-01-01T00:00:01Z", true, TestName = "Time_After_Denied")]
    public void TimeWindow(string time, bool denied) =>
        Assert.That(Denied("request.time >= 2027-01-01", Role, [], DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(denied));

    [TestCase("arn:aws:iam::111122223333:role/BreakGlass", false, TestName = "Arn_BreakGlassRole_NotDenied")]
    [TestCase("arn:aws:sts::111122223333:assumed-role/BreakGlass/alice", false, TestName = "Arn_BreakGlassSession_NotDenied")]
    [TestCase(Role, true, TestName = "Arn_OtherRole_Denied")]
    public void PrincipalArnPatterns(string principal, bool denied) =>
        Assert.That(Denied("principal.arn not in [\"arn:aws:iam::*:role/BreakGlass\"]", principal, []), Is.EqualTo(denied));
}
