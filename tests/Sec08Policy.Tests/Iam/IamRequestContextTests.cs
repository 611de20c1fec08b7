using System.Collections.Immutable;
using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Iam;
using static Sec08Policy.Tests.Iam.Iam;

namespace Sec08Policy.Tests.Iam;

/// <summary>The request context AWS would build: principal keys, time, which resource-tag keys an action carries (S3 ABAC), and overrides.</summary>
public class IamRequestContextTests
{
    private static string[] Values(IamRequest request, string key) =>
        request.RequestContext.TryGetValues(key, out var values) ? [.. values] : [];

    [Test]
    public void RoleSession_HasTheRolesArnAccountTypeAndTags()
    {
        var request = Request(principal: "arn:aws:sts::111122223333:assumed-role/DataPlatform/etl", principalTags: [("team", "data")]);
        Assert.That(Values(request, "aws:PrincipalArn"), Is.EqualTo(new[] { "arn:aws:iam::111122223333:role/DataPlatform" }));
        Assert.That(Values(request, "aws:PrincipalAccount"), Is.EqualTo(new[] { Account }));
        Assert.That(Values(request, "aws:PrincipalType"), Is.EqualTo(new[] { "AssumedRole" }));
        Assert.That(Values(request, "AWS:principaltag/TEAM"), Is.EqualTo(new[] { "data" }));
        Assert.That(Values(request, "aws:PrincipalIsAWSService"), Is.EqualTo(new[] { "false" }));
        Assert.That(request.RequestContext.Contains("aws:username"), Is.False);
    }

    [TestCase(User, "User", "alice")]
    [TestCase("arn:aws:iam::111122223333:root", "Account", null)]
    [TestCase("arn:aws:sts::111122223333:federated-user/bob", "FederatedUser", null)]
    public void PrincipalType_AndUserName_FollowThePrincipal(string principal, string type, string? userName)
    {
        var request = Request(principal: principal);
        Assert.That(Values(request, "aws:PrincipalType"), Is.EqualTo(new[] { type }));
        Assert.That(Values(request, "aws:username"), Is.EqualTo(userName is null ? Array.Empty<string>() : new[] { userName }));
        Assert.That(Values(request, "aws:PrincipalArn"), Is.EqualTo(new[] { principal }));
    }

    [Test]
    public void ServicePrincipal_HasNoAccountOrArn()
    {
        var request = Request(action: "s3:PutObject", principal: "cloudtrail.amazonaws.com");
        Assert.That(Values(request, "aws:PrincipalIsAWSService"), Is.EqualTo(new[] { "true" }));
        Assert.That(Values(request, "aws:PrincipalServiceName"), Is.EqualTo(new[] { "cloudtrail.amazonaws.com" }));
        Assert.That(request.RequestContext.Contains("aws:PrincipalArn"), Is.False);
        Assert.That(request.RequestContext.Contains("aws:PrincipalAccount"), Is.False);
    }

    [Test]
    public void Time_GivesCurrentTimeAndEpochTime()
    {
        var request = Request();
        Assert.That(Values(request, "aws:CurrentTime"), Is.EqualTo(new[] { "2026-10-01T12:00:00Z" }));
        Assert.That(Values(request, "aws:EpochTime"), Is.EqualTo(new[] { "1790856000" }));
        var timeless = new IamRequest { Principal = request.Principal, Action = "s3:GetObject" };
        Assert.That(timeless.RequestContext.Contains("aws:CurrentTime"), Is.False);
    }

    // RunInstances lists the request's tags for the instance, volumes and network interfaces only; CreateVolume for the
    // volume, not the snapshot it starts from; CreateBucket for the action as a whole.
    [TestCase("ec2:RunInstances", "arn:aws:ec2:eu-west-1:111122223333:volume/vol-1", true)]
    [TestCase("ec2:RunInstances", "arn:aws:ec2:eu-west-1:111122223333:instance/i-1", true)]
    [TestCase("ec2:RunInstances", "arn:aws:ec2:eu-west-1::image/ami-1", false)]
    [TestCase("ec2:RunInstances", "arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-1", false)]
    [TestCase("ec2:CreateVolume", "arn:aws:ec2:eu-west-1::snapshot/snap-1", false)]
    [TestCase("ec2:CreateVolume", "arn:aws:ec2:eu-west-1:111122223333:volume/vol-1", true)]
    [TestCase("ec2:RunInstances", "*", true)]
    [TestCase("s3:CreateBucket", "arn:aws:s3:::new-bucket", true)]
    public void RequestTags_ArePresentOnTheResourceTypesTheActionTags(string action, string resource, bool present)
    {
        var request = Request(action: action, resource: resource, requestTags: [("team", "data")]);
        Assert.That(Values(request, "aws:RequestTag/team"), Is.EqualTo(present ? new[] { "data" } : Array.Empty<string>()));
        Assert.That(request.RequestContext.Contains("aws:TagKeys"), Is.EqualTo(present));
    }

    [Test]
    public void S3ObjectActions_CarryBucketTagsOnlyWithBucketAbac()
    {
        IEnumerable<(string, string)> bucketTags = [("team", "data")];
        var off = Request(action: "s3:GetObject", resourceTags: bucketTags, objectTags: [("owner", "alice")]);
        var on = Request(action: "s3:GetObject", resourceTags: bucketTags, objectTags: [("owner", "alice")], abac: true);
        Assert.That(off.ResourceType!.Type.Name, Is.EqualTo("object"));
        Assert.That(off.RequestContext.Contains("aws:ResourceTag/team"), Is.False);
        Assert.That(Values(on, "aws:ResourceTag/team"), Is.EqualTo(new[] { "data" }));
        Assert.That(Values(on, "s3:BucketTag/team"), Is.EqualTo(new[] { "data" }));
        Assert.That(Values(off, "s3:ExistingObjectTag/owner"), Is.EqualTo(new[] { "alice" }));
        var put = Request(action: "s3:PutObject", objectTags: [("owner", "alice")]);
        Assert.That(put.RequestContext.Contains("s3:ExistingObjectTag/owner"), Is.False, "PutObject does not carry existing object tags");
        var bucket = Request(action: "s3:ListBucket", resource: "arn:aws:s3:::data-bucket", resourceTags: bucketTags);
        Assert.That(bucket.ResourceType!.Type.Name, Is.EqualTo("bucket"));
        Assert.That(bucket.RequestContext.Contains("aws:ResourceTag/team"), Is.False, "bucket actions too need ABAC");
    }

    [Test]
    public void AbacOnS3Objects_DecidesWhetherATagRuleCanGrant()
    {
        var policy = Statement("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}}""");
        IEnumerable<(string, string)> tags = [("team", "data")];
        Assert.That(DecideIdentity(policy, Request(principalTags: tags, resourceTags: tags)).IsAllowed, Is.False);
        Assert.That(DecideIdentity(policy, Request(principalTags: tags, resourceTags: tags, abac: true)).IsAllowed, Is.True);
    }

    [TestCase("kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/k1", "key", true)]
    [TestCase("kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:alias/data", null, false)]
    [TestCase("dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:111122223333:table/Orders", "table", true)]
    [TestCase("dynamodb:Query", "arn:aws:dynamodb:eu-west-1:111122223333:table/Orders/index/ByDate", "index", true)]
    [TestCase("sqs:SendMessage", "arn:aws:sqs:eu-west-1:111122223333:orders", "queue", true)]
    [TestCase("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf", "Secret", true)]
    [TestCase("iam:GetRole", "arn:aws:iam::111122223333:role/path/to/DataPlatform", "role", true)]
    [TestCase("s3:GetObject", "*", null, false)]
    public void ResourceTags_ArePresentWhereTheResourceTypeCarriesThem(string action, string resource, string? type, bool tagged)
    {
        var request = Request(action: action, resource: resource, resourceTags: [("team", "data")]);
        Assert.That(request.ResourceType?.Type.Name, Is.EqualTo(type));
        Assert.That(request.RequestContext.Contains("aws:ResourceTag/team"), Is.EqualTo(tagged));
    }

    [Test]
    public void KmsCallerAccount_IsTheCallersAccount_ForKmsActions()
    {
        Assert.That(Values(Request(action: "kms:Decrypt", resource: "arn:aws:kms:eu-west-1:111122223333:key/k1", principal: "arn:aws:iam::444455556666:role/P"), "kms:CallerAccount"), Is.EqualTo(new[] { OtherAccount }));
        Assert.That(Request().RequestContext.Contains("kms:CallerAccount"), Is.False);
    }

    [Test]
    public void RequestTags_GiveRequestTagKeysAndTagKeys()
    {
        var request = Request(action: "s3:CreateBucket", resource: "arn:aws:s3:::new", requestTags: [("team", "data"), ("DataClassification", "internal")]);
        Assert.That(Values(request, "aws:RequestTag/team"), Is.EqualTo(new[] { "data" }));
        Assert.That(Values(request, "aws:TagKeys"), Is.EqualTo(new[] { "DataClassification", "team" }));
    }

    [Test]
    public void NamedContextKeys_AreAddedAndOverrideDerivedOnes()
    {
        var request = Request(action: "kms:Decrypt", resource: "arn:aws:kms:eu-west-1:111122223333:key/k1",
            context: [("kms:ViaService", "s3.eu-west-1.amazonaws.com"), ("kms:CallerAccount", "999999999999"), ("aws:CalledVia", "athena.amazonaws.com"), ("aws:CalledVia", "glue.amazonaws.com")]);
        Assert.That(Values(request, "kms:CallerAccount"), Is.EqualTo(new[] { "999999999999" }));
        Assert.That(Values(request, "aws:CalledVia"), Is.EqualTo(new[] { "athena.amazonaws.com", "glue.amazonaws.com" }));
        Assert.That(Values(request, "aws:ViaAWSService"), Is.EqualTo(new[] { "true" }));
        Assert.That(Values(Request(), "aws:ViaAWSService"), Is.EqualTo(new[] { "false" }));
    }

    [Test]
    public void NamedContextKeys_OverrideDerivedOnesWhateverTheirCase()
    {
        var context = ImmutableDictionary<string, ImmutableArray<string>>.Empty
            .Add("AWS:PRINCIPALARN", ["arn:aws:iam::111122223333:role/Other"])
            .Add("aws:sourceip", ["203.0.113.7"])
            .Add("aws:SourceIp", ["198.51.100.1"]);
        var request = new IamRequest { Principal = IamPrincipal.Parse(Role), Action = "s3:GetObject", Context = context };
        Assert.That(Values(request, "aws:PrincipalArn"), Is.EqualTo(new[] { "arn:aws:iam::111122223333:role/Other" }));
        Assert.That(Values(request, "aws:SourceIp"), Is.EqualTo(new[] { "198.51.100.1" }), "of two spellings, the first in ordinal order");
    }

    [TestCase("lambda:InvokeFunction", "arn:aws:lambda:eu-west-1:111122223333:function:orders", "function")]
    [TestCase("lambda:InvokeFunction", "arn:aws:lambda:eu-west-1:111122223333:function:orders:live", "function")]
    [TestCase("logs:PutLogEvents", "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/orders:log-stream:2026/10/01", "log-stream")]
    [TestCase("ec2:AttachVolume", "arn:aws:ec2:eu-west-1:111122223333:volume/vol-0abc", "volume")]
    [TestCase("ec2:AttachVolume", "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc", "instance")]
    [TestCase("ec2:AttachVolume", "arn:aws:ec2:eu-west-1:111122223333:snapshot/snap-0abc", null)]
    [TestCase("s3:GetObject", "arn:aws:s3:eu-west-1:111122223333:accesspoint/ap/object/key", "accesspointobject")]
    [TestCase("s3:GetObject", "arn:aws:s3:::bucket", null)]
    public void ResourceType_IsTheMostSpecificPatternTheArnFits(string action, string resource, string? type) =>
        Assert.That(Request(action: action, resource: resource).ResourceType?.Type.Name, Is.EqualTo(type));

    [TestCase("arn:aws:s3:::data-bucket/x", null, Account)]
    [TestCase("arn:aws:s3:::data-bucket/x", OtherAccount, OtherAccount)]
    [TestCase("arn:aws:kms:eu-west-1:444455556666:key/k", null, OtherAccount)]
    public void ResourceAccount_ComesFromTheArnOrTheRequestOrThePrincipal(string resource, string? given, string expected)
    {
        var request = Request(resource: resource, resourceAccount: given);
        Assert.That(request.EffectiveResourceAccount, Is.EqualTo(expected));
        Assert.That(Values(request, "aws:ResourceAccount"), Is.EqualTo(new[] { expected }));
    }

    [TestCase("arn:aws:iam::111122223333:role/DataPlatform", IamPrincipalKind.RoleSession, null)]
    [TestCase("arn:aws:iam::111122223333:user/a/b/alice", IamPrincipalKind.User, null)]
    [TestCase("s3.amazonaws.com", IamPrincipalKind.Service, null)]
    [TestCase("anonymous", IamPrincipalKind.Anonymous, null)]
    [TestCase("arn:aws:iam::1111:role/X", null, "`arn:aws:iam::1111:role/X` has no 12-digit account ID")]
    [TestCase("arn:aws:s3:::bucket", null, "`arn:aws:s3:::bucket` is not an IAM principal ARN (arn:PARTITION:iam::ACCOUNT:user/NAME, role/NAME, root, or arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION)")]
    [TestCase("arn:aws:sts::111122223333:assumed-role/OnlyRole", null, "`arn:aws:sts::111122223333:assumed-role/OnlyRole` is not an IAM principal ARN (arn:PARTITION:iam::ACCOUNT:user/NAME, role/NAME, root, or arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION)")]
    [TestCase("alice", null, "`alice` is neither an IAM ARN nor a service principal such as `s3.amazonaws.com`")]
    public void Principal_ParsesOrSaysWhyNot(string text, IamPrincipalKind? kind, string? error)
    {
        var ok = IamPrincipal.TryParse(text, out var principal, out var message);
        Assert.That(ok, Is.EqualTo(kind is not null));
        Assert.That(message, Is.EqualTo(error));
        if (ok)
        {
            Assert.That(principal.Kind, Is.EqualTo(kind));
        }
    }

    [TestCase("s3:PutObject", "s3:x-amz-server-side-encryption", IamConditionKeyScope.Action)]
    [TestCase("s3:GetObject", "s3:x-amz-server-side-encryption", IamConditionKeyScope.Service)]
    [TestCase("s3:GetObject", "s3:ExistingObjectTag/owner", IamConditionKeyScope.Action)]
    [TestCase("S3:GETOBJECT", "S3:EXISTINGOBJECTTAG/owner", IamConditionKeyScope.Action)]
    [TestCase("s3:GetObject", "s3:BucketTag/team", IamConditionKeyScope.ResourceType)]
    [TestCase("kms:Decrypt", "kms:EncryptionContext:Department", IamConditionKeyScope.Action)]
    [TestCase("kms:CreateGrant", "kms:GrantIsForAWSResource", IamConditionKeyScope.Action)]
    [TestCase("ec2:CreateVolume", "ec2:Encrypted", IamConditionKeyScope.ResourceType)]
    [TestCase("ec2:RunInstances", "ec2:Encrypted", IamConditionKeyScope.ResourceType)]
    [TestCase("s3:GetObject", "aws:ResourceTag/team", IamConditionKeyScope.Global)]
    [TestCase("s3:GetObject", "aws:SourceVpce", IamConditionKeyScope.Global)]
    [TestCase("s3:GetObject", "aws:NoSuchKey", IamConditionKeyScope.Unknown)]
    [TestCase("s3:GetObject", "s3:no-such-header", IamConditionKeyScope.Unknown)]
    [TestCase("s3:NoSuchAction", "s3:x-amz-server-side-encryption", IamConditionKeyScope.Service)]
    public void ConditionKeys_AreFoundForTheAction(string action, string key, IamConditionKeyScope scope) =>
        Assert.That(IamActionCatalog.Default.FindConditionKey(action, key), Is.EqualTo(scope));

    [Test]
    public void ActionCatalogue_KnowsTypesArnsAndRcpServices()
    {
        var catalog = IamActionCatalog.Default;
        Assert.That(catalog.DataDate, Is.EqualTo(IamCatalog.Default.DataDate));
        Assert.That(catalog.SourceVersion, Is.EqualTo(IamCatalog.Default.SourceVersion));
        var getObject = catalog.FindAction("s3:getobject")!;
        Assert.That(getObject.FullName, Is.EqualTo("s3:GetObject"));
        Assert.That(getObject.ResourceTypes.Select(t => t.Type.Name), Is.EquivalentTo(new[] { "accesspointobject", "object" }));
        Assert.That(getObject.Service.FindResourceType("object")!.ArnPattern, Is.EqualTo("arn:${Partition}:s3:::${BucketName}/${ObjectName}"));
        Assert.That(catalog.FindAction("kms:CreateKey")!.ResourceTypes, Is.Empty);
        Assert.That(catalog.FindAction("s3:NoSuchAction"), Is.Null);
        Assert.That(catalog.IsResourceControlService("s3"), Is.True);
        Assert.That(catalog.IsResourceControlService("ec2"), Is.False);
        Assert.That(catalog.GlobalKeyType("aws:TagKeys"), Is.EqualTo("ArrayOfString"));
        Assert.That(catalog.FindService("s3")!.KeyType("s3:x-amz-server-side-encryption-aws-kms-key-id"), Is.EqualTo("ARN"));
    }
}
