using Sec08Policy.Engine.Iam;
using static Sec08Policy.Tests.Iam.Iam;

namespace Sec08Policy.Tests.Iam;

/// <summary>
/// AWS's evaluation logic: explicit deny across policy types, SCP and RCP levels, permissions boundaries, resource
/// policies in the same account and across accounts, KMS key policies and their delegation to IAM, NotAction,
/// NotResource and NotPrincipal, service principals, and the statements each decision cites.
/// </summary>
public class IamEvaluationTests
{
    private const string Bucket = "arn:aws:s3:::data-bucket";
    private const string Object = "arn:aws:s3:::data-bucket/report.csv";
    private const string Key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string Session = "arn:aws:sts::111122223333:assumed-role/DataPlatform/etl-job";
    private const string ForeignRole = "arn:aws:iam::444455556666:role/Partner";

    private static readonly IamPolicyDocument AllowS3 = Statement("""{"Sid":"AllowS3","Effect":"Allow","Action":"s3:*","Resource":"*"}""", name: "iam/s3.json");
    private static readonly IamPolicyDocument AllowKms = Statement("""{"Sid":"AllowKms","Effect":"Allow","Action":"kms:*","Resource":"*"}""", name: "iam/kms.json");

    private static IamPolicyDocument Resource(string statements, IamPolicyKind kind = IamPolicyKind.Resource, string name = "bucket-policy") =>
        Doc($$"""{"Version":"2012-10-17","Statement":[{{statements}}]}""", kind, name);

    private static IamPolicyLevel Level(string name, params IamPolicyDocument[] policies) => new(name, [.. policies]);

    [Test]
    public void IdentityAllow_Allows_AndCitesTheStatement()
    {
        var decision = new IamPolicySet { IdentityPolicies = [AllowS3] }.Decide(Request());
        Assert.That(decision.Outcome, Is.EqualTo(IamDecisionOutcome.Allowed));
        Assert.That(decision.Statements.Select(s => s.ToString()), Is.EqualTo(new[] { "iam/s3.json #1 (AllowS3)" }));
        Assert.That(decision.ToString(), Is.EqualTo("Allowed by iam/s3.json #1 (AllowS3)"));
    }

    [Test]
    public void NothingAllows_IsImplicitlyDenied()
    {
        var decision = new IamPolicySet { IdentityPolicies = [AllowKms] }.Decide(Request());
        Assert.That(decision.Outcome, Is.EqualTo(IamDecisionOutcome.ImplicitlyDenied));
        Assert.That(decision.Reason, Is.EqualTo(IamDenialReason.NoAllow));
        Assert.That(decision.Statements, Is.Empty);
    }

    [Test]
    public void ExplicitDeny_BeatsAllow_InEveryPolicyType()
    {
        var deny = """{"Sid":"NoReports","Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::data-bucket/*"}""";
        var denyWithPrincipal = """{"Sid":"NoReports","Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data-bucket/*"}""";
        var full = Level("root", IamPolicyDocument.FullAwsAccess);
        var cases = new (string Where, IamPolicySet Set)[]
        {
            ("identity", new() { IdentityPolicies = [AllowS3, Statement(deny, name: "deny")] }),
            ("boundary", new() { IdentityPolicies = [AllowS3], PermissionsBoundary = Doc($$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{{deny}}]}""", IamPolicyKind.PermissionsBoundary, "deny") }),
            ("scp", new() { IdentityPolicies = [AllowS3], ServiceControlPolicies = [full, Level("account", IamPolicyDocument.FullAwsAccess, Statement(deny, IamPolicyKind.ServiceControl, "deny"))] }),
            ("rcp", new() { IdentityPolicies = [AllowS3], ResourceControlPolicies = [Level("root", IamPolicyDocument.RcpFullAwsAccess, Statement(denyWithPrincipal, IamPolicyKind.ResourceControl, "deny"))] }),
            ("resource", new() { IdentityPolicies = [AllowS3], ResourcePolicy = Resource(denyWithPrincipal, name: "deny") }),
        };
        foreach (var (where, set) in cases)
        {
            var decision = set.Decide(Request());
            Assert.That(decision.Outcome, Is.EqualTo(IamDecisionOutcome.ExplicitlyDenied), where);
            Assert.That(decision.Statements.Single().ToString(), Is.EqualTo("deny #" + (where == "boundary" ? "2" : "1") + " (NoReports)"), where);
        }
    }

    [Test]
    public void ExplicitDeny_CitesEveryMatchingDeny()
    {
        var set = new IamPolicySet
        {
            IdentityPolicies = [AllowS3, Doc("""{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Deny","Action":"s3:Get*","Resource":"*"},{"Sid":"B","Effect":"Deny","Action":"s3:Put*","Resource":"*"},{"Sid":"C","Effect":"Deny","Action":"*","Resource":"arn:aws:s3:::data-*"}]}""", name: "denies")],
        };
        Assert.That(set.Decide(Request()).Statements.Select(s => s.Sid), Is.EqualTo(new[] { "A", "C" }));
    }

    [Test]
    public void ServiceControlPolicies_EveryLevelMustAllow()
    {
        var s3Only = Statement("""{"Effect":"Allow","Action":"s3:*","Resource":"*"}""", IamPolicyKind.ServiceControl, "scp/s3-only.json");
        var set = new IamPolicySet
        {
            IdentityPolicies = [AllowS3, AllowKms],
            ServiceControlPolicies = [Level("root", IamPolicyDocument.FullAwsAccess), Level("ou-data", s3Only), Level("account", IamPolicyDocument.FullAwsAccess)],
        };
        Assert.That(set.Decide(Request()).IsAllowed, Is.True);
        var kms = set.Decide(Request(action: "kms:Decrypt", resource: Key));
        Assert.That((kms.Outcome, kms.Reason, kms.Level, kms.LevelName), Is.EqualTo((IamDecisionOutcome.ImplicitlyDenied, (IamDenialReason?)IamDenialReason.ServiceControlPolicy, (int?)1, "ou-data")));
        Assert.That(kms.ToString(), Is.EqualTo("ImplicitlyDenied: no statement of SCP level 2 (ou-data) allows the request"));
    }

    [Test]
    public void ServiceControlPolicies_LevelWithoutFullAwsAccess_DeniesEverything()
    {
        var denyOnly = Statement("""{"Effect":"Deny","Action":"ec2:*","Resource":"*"}""", IamPolicyKind.ServiceControl);
        var set = new IamPolicySet { IdentityPolicies = [AllowS3], ServiceControlPolicies = [Level("root", IamPolicyDocument.FullAwsAccess), Level("account", denyOnly)] };
        Assert.That(set.Decide(Request()).Reason, Is.EqualTo(IamDenialReason.ServiceControlPolicy));
    }

    [Test]
    public void ServiceControlPolicies_DoNotApplyToServiceLinkedRolesOrServices_ButToTheRootUser()
    {
        var nothing = Level("root", Statement("""{"Effect":"Allow","Action":"ec2:*","Resource":"*"}""", IamPolicyKind.ServiceControl));
        var bucketPolicy = Resource("""{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::data-bucket/*"}""");
        var set = new IamPolicySet { IdentityPolicies = [AllowS3], ServiceControlPolicies = [nothing], ResourcePolicy = bucketPolicy };
        Assert.That(set.Decide(Request(principal: "arn:aws:iam::111122223333:role/aws-service-role/s3.amazonaws.com/AWSServiceRoleForS3")).IsAllowed, Is.True);
        Assert.That(set.Decide(Request(action: "s3:PutObject", principal: "logging.s3.amazonaws.com")).IsAllowed, Is.True);
        Assert.That(set.Decide(Request(principal: "arn:aws:iam::111122223333:root")).Reason, Is.EqualTo(IamDenialReason.ServiceControlPolicy));
        Assert.That(new IamPolicySet().Decide(Request(principal: "arn:aws:iam::111122223333:root")).IsAllowed, Is.True, "the root user needs no identity policy");
    }

    [Test]
    public void ResourceControlPolicies_EveryLevelMustAllow_ForTheServicesTheyCover()
    {
        var s3Deny = Statement("""{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-abc"}}}""", IamPolicyKind.ResourceControl, "rcp/perimeter.json");
        var set = new IamPolicySet
        {
            IdentityPolicies = [AllowS3, Statement("""{"Effect":"Allow","Action":"ec2:*","Resource":"*"}""")],
            ResourceControlPolicies = [Level("root", IamPolicyDocument.RcpFullAwsAccess, s3Deny), Level("account", s3Deny)],
        };
        Assert.That(set.Decide(Request(context: [("aws:PrincipalOrgID", "o-abc")])).IsAllowed, Is.False);
        Assert.That(set.Decide(Request(context: [("aws:PrincipalOrgID", "o-abc")])).LevelName, Is.EqualTo("account"));
        Assert.That(set.Decide(Request(context: [("aws:PrincipalOrgID", "o-other")])).Outcome, Is.EqualTo(IamDecisionOutcome.ExplicitlyDenied));
        Assert.That(set.Decide(Request(action: "ec2:DescribeVolumes", resource: "*")).IsAllowed, Is.True, "RCPs do not cover EC2");
    }

    [Test]
    public void PermissionsBoundary_CapsIdentityPolicies()
    {
        var boundary = Statement("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""", IamPolicyKind.PermissionsBoundary, "boundary");
        var set = new IamPolicySet { IdentityPolicies = [AllowS3], PermissionsBoundary = boundary };
        Assert.That(set.Decide(Request()).IsAllowed, Is.True);
        var put = set.Decide(Request(action: "s3:PutObject"));
        Assert.That((put.Outcome, put.Reason), Is.EqualTo((IamDecisionOutcome.ImplicitlyDenied, (IamDenialReason?)IamDenialReason.PermissionsBoundary)));
        Assert.That(new IamPolicySet { PermissionsBoundary = boundary }.Decide(Request()).Reason, Is.EqualTo(IamDenialReason.NoAllow), "a boundary grants nothing");
    }

    [Test]
    public void ResourcePolicy_SameAccount_IsEnoughWithoutAnIdentityPolicy()
    {
        var policy = Resource($$"""{"Sid":"Etl","Effect":"Allow","Principal":{"AWS":"{{Session}}"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data-bucket/*"}""");
        var decision = new IamPolicySet { ResourcePolicy = policy }.Decide(Request(principal: Session));
        Assert.That(decision.Outcome, Is.EqualTo(IamDecisionOutcome.Allowed));
        Assert.That(decision.Statements.Single().Sid, Is.EqualTo("Etl"));
        Assert.That(new IamPolicySet { ResourcePolicy = policy }.Decide(Request(principal: "arn:aws:sts::111122223333:assumed-role/DataPlatform/other")).IsAllowed, Is.False);
    }

    [Test]
    public void ResourcePolicy_SameAccount_BoundaryLimitsARoleGrantButNotASessionOrUserGrant()
    {
        var boundary = Statement("""{"Effect":"Allow","Action":"kms:*","Resource":"*"}""", IamPolicyKind.PermissionsBoundary, "boundary");
        IamPolicySet Granting(string principal) => new()
        {
            PermissionsBoundary = boundary,
            ResourcePolicy = Resource($$"""{"Effect":"Allow","Principal":{"AWS":"{{principal}}"},"Action":"s3:GetObject","Resource":"*"}"""),
        };
        Assert.That(Granting(Role).Decide(Request(principal: Session)).Reason, Is.EqualTo(IamDenialReason.PermissionsBoundary), "role ARN");
        Assert.That(Granting(Session).Decide(Request(principal: Session)).IsAllowed, Is.True, "session ARN");
        Assert.That(Granting(User).Decide(Request(principal: User)).IsAllowed, Is.True, "user ARN");
        Assert.That(new IamPolicySet { ResourcePolicy = Granting(Role).ResourcePolicy }.Decide(Request(principal: Session)).IsAllowed, Is.True, "role ARN, no boundary");
    }

    [Test]
    public void ResourcePolicy_NamingTheAccount_DelegatesToIdentityPolicies()
    {
        var policy = Resource("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"*"}""");
        Assert.That(new IamPolicySet { ResourcePolicy = policy }.Decide(Request()).Reason, Is.EqualTo(IamDenialReason.NoAllow));
        Assert.That(new IamPolicySet { ResourcePolicy = policy, IdentityPolicies = [AllowS3] }.Decide(Request()).IsAllowed, Is.True);
    }

    [Test]
    public void CrossAccount_BothSidesMustAllow()
    {
        var grant = Resource($$"""{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"{{ForeignRole}}"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data-bucket/*"}""");
        var request = Request(principal: ForeignRole, resourceAccount: Account);
        var both = new IamPolicySet { IdentityPolicies = [AllowS3], ResourcePolicy = grant }.Decide(request);
        Assert.That(both.Outcome, Is.EqualTo(IamDecisionOutcome.Allowed));
        Assert.That(both.Statements.Select(s => s.Sid), Is.EqualTo(new[] { "Partner", "AllowS3" }));
        Assert.That(new IamPolicySet { ResourcePolicy = grant }.Decide(request).Reason, Is.EqualTo(IamDenialReason.IdentityPolicy));
        Assert.That(new IamPolicySet { IdentityPolicies = [AllowS3] }.Decide(request).Reason, Is.EqualTo(IamDenialReason.ResourcePolicy));
        var toAccount = Resource("""{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"*"}""");
        Assert.That(new IamPolicySet { IdentityPolicies = [AllowS3], ResourcePolicy = toAccount }.Decide(request).IsAllowed, Is.True);
    }

    [Test]
    public void KeyPolicy_DelegatingToTheAccount_LetsIamPoliciesCount()
    {
        var keyPolicy = Resource("""{"Sid":"EnableIamPolicies","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}""", IamPolicyKind.KeyPolicy, "kms/key.json");
        var request = Request(action: "kms:Decrypt", resource: Key);
        var decision = new IamPolicySet { IdentityPolicies = [AllowKms], ResourcePolicy = keyPolicy }.Decide(request);
        Assert.That(decision.IsAllowed, Is.True);
        Assert.That(decision.Statements.Select(s => s.Sid), Is.EqualTo(new[] { "EnableIamPolicies", "AllowKms" }));
        Assert.That(new IamPolicySet { ResourcePolicy = keyPolicy }.Decide(request).Reason, Is.EqualTo(IamDenialReason.NoAllow), "delegation alone grants nothing");
    }

    [Test]
    public void KeyPolicy_WithoutDelegation_IamAllowAloneDoesNotGrant()
    {
        var keyPolicy = Resource($$"""{"Sid":"Admins","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/KeyAdmin"},"Action":"kms:*","Resource":"*"}""", IamPolicyKind.KeyPolicy);
        var request = Request(action: "kms:Decrypt", resource: Key);
        var decision = new IamPolicySet { IdentityPolicies = [AllowKms], ResourcePolicy = keyPolicy }.Decide(request);
        Assert.That((decision.Outcome, decision.Reason), Is.EqualTo((IamDecisionOutcome.ImplicitlyDenied, (IamDenialReason?)IamDenialReason.KeyPolicy)));
        Assert.That(new IamPolicySet { ResourcePolicy = keyPolicy }.Decide(Request(action: "kms:Decrypt", resource: Key, principal: "arn:aws:iam::111122223333:role/KeyAdmin")).IsAllowed, Is.True, "a key policy grants its principals directly");
        Assert.That(new IamPolicySet { ResourcePolicy = keyPolicy }.Decide(Request(action: "kms:Decrypt", resource: Key, principal: "arn:aws:iam::111122223333:root")).Reason, Is.EqualTo(IamDenialReason.KeyPolicy), "not even the root user");
        Assert.That(new IamPolicySet { IdentityPolicies = [AllowKms] }.Decide(request).IsAllowed, Is.True, "the same identity policy without a key policy in the set");
    }

    [Test]
    public void KeyPolicy_Conditions_ApplyToTheDelegation()
    {
        var keyPolicy = Resource("""{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["kms:Decrypt"],"Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"111122223333"},"StringLike":{"kms:ViaService":"s3.*.amazonaws.com"}}}""", IamPolicyKind.KeyPolicy);
        var set = new IamPolicySet { ResourcePolicy = keyPolicy };
        Assert.That(set.Decide(Request(action: "kms:Decrypt", resource: Key, context: [("kms:ViaService", "s3.eu-west-1.amazonaws.com")])).IsAllowed, Is.True);
        Assert.That(set.Decide(Request(action: "kms:Decrypt", resource: Key)).IsAllowed, Is.False, "not through S3");
        Assert.That(set.Decide(Request(action: "kms:Decrypt", resource: Key, principal: ForeignRole, context: [("kms:ViaService", "s3.eu-west-1.amazonaws.com")])).IsAllowed, Is.False, "kms:CallerAccount is the caller's");
    }

    [Test]
    public void NotAction_AllowsEverythingElse_AndNotResource_DeniesEverywhereElse()
    {
        var set = new IamPolicySet
        {
            IdentityPolicies = [Doc("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::data-bucket","arn:aws:s3:::data-bucket/*"]}]}""")],
        };
        Assert.That(set.Decide(Request()).IsAllowed, Is.True);
        Assert.That(set.Decide(Request(action: "iam:CreateUser", resource: "arn:aws:iam::111122223333:user/x")).Reason, Is.EqualTo(IamDenialReason.NoAllow));
        Assert.That(set.Decide(Request(resource: "arn:aws:s3:::other-bucket/x")).Outcome, Is.EqualTo(IamDecisionOutcome.ExplicitlyDenied));
        Assert.That(set.Decide(Request(action: "IAM:createuser", resource: "arn:aws:iam::111122223333:user/x")).IsAllowed, Is.False, "actions ignore case");
    }

    [Test]
    public void NotPrincipal_ExemptsOnlyAPrincipalWhoseAccountRoleAndSessionAreAllListed()
    {
        var policy = Resource($$"""{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:root","{{Role}}","{{Session}}"]},"Action":"s3:*","Resource":"*"}""");
        var set = new IamPolicySet { IdentityPolicies = [AllowS3], ResourcePolicy = policy };
        Assert.That(set.Decide(Request(principal: Session)).IsAllowed, Is.True);
        Assert.That(set.Decide(Request(principal: "arn:aws:sts::111122223333:assumed-role/DataPlatform/other")).Outcome, Is.EqualTo(IamDecisionOutcome.ExplicitlyDenied));
        Assert.That(set.Decide(Request(principal: User)).Outcome, Is.EqualTo(IamDecisionOutcome.ExplicitlyDenied));
        var roleOnly = Resource($$"""{"Effect":"Deny","NotPrincipal":{"AWS":["{{Role}}","{{Session}}"]},"Action":"s3:*","Resource":"*"}""");
        Assert.That(new IamPolicySet { IdentityPolicies = [AllowS3], ResourcePolicy = roleOnly }.Decide(Request(principal: Session)).Outcome, Is.EqualTo(IamDecisionOutcome.ExplicitlyDenied), "without the account, the account is denied");
        var withBoundary = new IamPolicySet { IdentityPolicies = [AllowS3], ResourcePolicy = policy, PermissionsBoundary = Statement("""{"Effect":"Allow","Action":"*","Resource":"*"}""", IamPolicyKind.PermissionsBoundary) };
        Assert.That(withBoundary.Decide(Request(principal: Session)).Outcome, Is.EqualTo(IamDecisionOutcome.ExplicitlyDenied), "a principal with a boundary is always denied");
    }

    [Test]
    public void ServicePrincipal_NeedsAResourcePolicy()
    {
        var policy = Resource("""{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::data-bucket/*"}""");
        var set = new IamPolicySet { IdentityPolicies = [AllowS3], ResourcePolicy = policy };
        Assert.That(set.Decide(Request(action: "s3:PutObject", principal: "cloudtrail.amazonaws.com")).IsAllowed, Is.True);
        Assert.That(set.Decide(Request(action: "s3:GetObject", principal: "cloudtrail.amazonaws.com")).Reason, Is.EqualTo(IamDenialReason.ResourcePolicy));
        Assert.That(set.Decide(Request(action: "s3:PutObject", principal: "config.amazonaws.com")).Reason, Is.EqualTo(IamDenialReason.ResourcePolicy));
    }

    [Test]
    public void Anonymous_NeedsAPublicResourcePolicy()
    {
        var open = Resource("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data-bucket/*"}""");
        Assert.That(new IamPolicySet { ResourcePolicy = open }.Decide(Request(principal: "anonymous")).IsAllowed, Is.True);
        Assert.That(new IamPolicySet { IdentityPolicies = [AllowS3] }.Decide(Request(principal: "anonymous")).IsAllowed, Is.False);
    }

    [TestCase("arn:aws:s3:::data-bucket/*", Object, true)]
    [TestCase("arn:aws:s3:::data-bucket/*", Bucket, false)]
    [TestCase("arn:aws:s3:::Data-bucket/*", Object, false)]
    [TestCase("arn:aws:s3:::*log*", "arn:aws:s3:::app-logs/x", true)]
    [TestCase("arn:aws:s3:::bucket/*/test/*", "arn:aws:s3:::bucket/1/2/test/x", true)]
    [TestCase("arn:aws:s3:::data-bucket/report.???", Object, true)]
    [TestCase("arn:aws:logs:*:*:log-group:/aws/*", "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/f:log-stream:s", true)]
    [TestCase("arn:aws:dynamodb:*:111122223333:table/Orders", "arn:aws:dynamodb:eu-west-1:111122223333:table/Orders", true)]
    [TestCase("arn:aws:dynamodb:*:111122223333:table/Orders", "arn:aws:dynamodb:eu-west-1:444455556666:table/Orders", false)]
    [TestCase("arn:aws:*:*:*:*", "arn:aws:sqs:eu-west-1:111122223333:q", true)]
    [TestCase("arn:*", "arn:aws:sqs:eu-west-1:111122223333:q", true)]
    public void Resource_MatchesWildcardsPerComponentCaseSensitively(string pattern, string resource, bool expected)
    {
        var policy = Statement($$"""{"Effect":"Allow","Action":"*","Resource":"{{pattern}}"}""");
        Assert.That(DecideIdentity(policy, Request(action: "s3:GetObject", resource: resource)).IsAllowed, Is.EqualTo(expected));
    }

    [TestCase("s3:GetObject", true)]
    [TestCase("S3:getobject", true)]
    [TestCase("s3:Get*", true)]
    [TestCase("s3:*Object", true)]
    [TestCase("s3:Get?bject", true)]
    [TestCase("s3:Put*", false)]
    [TestCase("*", true)]
    [TestCase("s3:*", true)]
    [TestCase("kms:*", false)]
    public void Action_MatchesWildcardsIgnoringCase(string pattern, bool expected) =>
        Assert.That(DecideIdentity(Statement($$"""{"Effect":"Allow","Action":"{{pattern}}","Resource":"*"}"""), Request()).IsAllowed, Is.EqualTo(expected));

    [Test]
    public void KeyPolicyStatementWithoutResource_HasNoEffect()
    {
        var keyPolicy = Resource("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*"}""", IamPolicyKind.KeyPolicy);
        Assert.That(new IamPolicySet { IdentityPolicies = [AllowKms], ResourcePolicy = keyPolicy }.Decide(Request(action: "kms:Decrypt", resource: Key)).Reason, Is.EqualTo(IamDenialReason.KeyPolicy));
    }

    [Test]
    public void PolicySet_IsSafeToShareBetweenThreads()
    {
        var set = new IamPolicySet { IdentityPolicies = [AllowS3, Statement("""{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"${aws:PrincipalTag/team}"}}}""")] };
        var requests = Enumerable.Range(0, 400).Select(i => Request(action: i % 2 == 0 ? "s3:GetObject" : "kms:Encrypt", principalTags: [("team", "t" + i)])).ToList();
        var expected = requests.Select(r => set.Decide(r).Outcome).ToList();
        var parallel = requests.AsParallel().AsOrdered().Select(r => set.Decide(r).Outcome).ToList();
        Assert.That(parallel, Is.EqualTo(expected));
    }
}
