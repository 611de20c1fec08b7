using Sec08Policy.Compiler;
using Sec08Policy.Engine.Access;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Access;

/// <summary>The language's decision procedure on the baseline and small policies: what each kind of clause decides.</summary>
public class AccessDeciderTests
{
    private const string Account = "111122223333";
    private static readonly DateTimeOffset s_now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<AccessDecider> s_baseline = new(() =>
        new AccessDecider(Compilation.Create(PolicySetLoader.Load([RepoPaths.Policies]).Trees, TestPolicies.Options).Lower()!));

    private static AccessRequest Request(string principal, string action, string resource, Dictionary<string, string>? principalTags = null, Dictionary<string, string>? resourceTags = null, Dictionary<string, string>? context = null, bool abac = true) => new()
    {
        Principal = principal,
        Action = action,
        Resource = resource,
        PrincipalTags = principalTags ?? [],
        ResourceTags = resourceTags ?? [],
        Context = InsidePerimeter(context ?? []),
        S3BucketAbac = abac,
        Time = s_now,
    };

    /// <summary>
    /// The context AWS sends for a principal of the organization calling through the corporate endpoint, so that the
    /// baseline's perimeter lets the request reach the rules under test (keys the test gives win).
    /// </summary>
    private static Dictionary<string, string> InsidePerimeter(Dictionary<string, string> context)
    {
        var inside = new Dictionary<string, string>(context, StringComparer.OrdinalIgnoreCase);
        inside.TryAdd("aws:PrincipalOrgID", "o-a1b2c3d4e5");
        inside.TryAdd("aws:SourceVpce", "vpce-0a1b2c3d4e5f60718");
        return inside;
    }

    private static readonly Dictionary<string, string> s_payments = new() { ["team"] = "payments", ["clearance"] = "confidential", ["employment"] = "employee" };

    private static AccessDecision Decide(AccessRequest request) => s_baseline.Value.Decide(request);

    [Test]
    public void TeamMember_ReadsOwnTeamsInternalObject_AllowedByTeamDataAccess()
    {
        var decision = Decide(Request($"arn:aws:iam::{Account}:role/Analyst", "s3:GetObject", "arn:aws:s3:::acme-payments/ledger.csv", s_payments, new() { ["team"] = "payments", ["DataClassification"] = "internal" }));

        Assert.That(decision.Outcome, Is.EqualTo(AccessOutcome.Allowed));
        Assert.That(decision.Clauses.Select(c => c.Source), Is.EqualTo(new[] { "allow team_data_access" }));
    }

    [Test]
    public void BucketWithoutAbac_TagsAreMissing_SoTheAllowGrantsNothing()
    {
        var decision = Decide(Request($"arn:aws:iam::{Account}:role/Analyst", "s3:GetObject", "arn:aws:s3:::acme-payments/ledger.csv", s_payments, new() { ["team"] = "payments", ["DataClassification"] = "internal" }, abac: false));

        Assert.That(decision.Outcome, Is.EqualTo(AccessOutcome.ImplicitlyDenied));
    }

    [Test]
    public void BucketWithoutAbac_UploadIsDeniedByUntaggedWrites()
    {
        var decision = Decide(Request($"arn:aws:iam::{Account}:role/Analyst", "s3:PutObject", "arn:aws:s3:::acme-payments/ledger.csv", s_payments, new() { ["team"] = "payments" }, abac: false));

        Assert.That(decision.Outcome, Is.EqualTo(AccessOutcome.ExplicitlyDenied));
        Assert.That(decision.Clauses.Select(c => c.Source), Does.Contain("deny untagged_writes"));
    }

    [TestCase("analytics", TestName = "OtherTeam_ConfidentialData_Denied")]
    [TestCase(null, TestName = "PrincipalWithoutTeamTag_ConfidentialData_Denied")]
    public void CrossTeamAccess_DeniesConfidentialData(string? team)
    {
        var tags = new Dictionary<string, string>(s_payments);
        if (team is null)
        {
            tags.Remove("team");
        }
        else
        {
            tags["team"] = team;
        }

        var decision = Decide(Request($"arn:aws:iam::{Account}:role/Analyst", "dynamodb:GetItem", $"arn:aws:dynamodb:eu-west-1:{Account}:table/ledger", tags, new() { ["team"] = "payments", ["DataClassification"] = "confidential" }));

        Assert.That(decision.Outcome, Is.EqualTo(AccessOutcome.ExplicitlyDenied));
        Assert.That(decision.Clauses.Select(c => c.Source), Is.EqualTo(new[] { "deny cross_team_access" }));
    }

    [Test]
    public void NonLevelClearance_OnNonLevelClassification_DeniedByAFailClosedDeny()
    {
        var decider = new AccessDecider(TestPolicies.Compile("""
            classification C {
              tag "DataClassification"
              levels public < internal < confidential < restricted
              default internal
            }

            deny low_clearance {
              actions dynamodb:GetItem
              when principal.tag.clearance < resource.classification
            }
            """).Lower()!);

        var decision = decider.Decide(Request($"arn:aws:iam::{Account}:role/R", "dynamodb:GetItem", $"arn:aws:dynamodb:eu-west-1:{Account}:table/t", new() { ["clearance"] = "top" }, new() { ["DataClassification"] = "secret" }));

        Assert.That(decision.Outcome, Is.EqualTo(AccessOutcome.ExplicitlyDenied));
    }

    // A key's users get the operations of its kind: signing from an elliptic-curve key, not encryption or data keys.
    [TestCase("kms:Sign", AccessOutcome.Allowed)]
    [TestCase("kms:GetPublicKey", AccessOutcome.Allowed)]
    [TestCase("kms:Encrypt", AccessOutcome.ImplicitlyDenied)]
    [TestCase("kms:GenerateDataKey", AccessOutcome.ImplicitlyDenied)]
    [TestCase("kms:CreateGrant", AccessOutcome.ImplicitlyDenied)]
    public void SigningKeyUsers_GetTheOperationsOfTheKeysKind(string action, AccessOutcome expected)
    {
        var decider = new AccessDecider(TestPolicies.Compile("""
            policy "t" {
              account "111122223333"
            }

            key signing {
              alias "alias/signing"
              spec ECC_NIST_P384
              users "arn:aws:iam::111122223333:role/Signer"
            }
            """).Lower()!);

        var decision = decider.Decide(Request($"arn:aws:iam::{Account}:role/Signer", action, $"arn:aws:kms:eu-west-1:{Account}:alias/signing", context: new() { ["kms:GrantIsForAWSResource"] = "true" }));

        Assert.That(decision.Outcome, Is.EqualTo(expected), decision.ToString());
    }

    private static string Key(string alias) => $"arn:aws:kms:eu-west-1:{Account}:alias/acme/{alias}";

    private static Dictionary<string, string> ThroughS3(bool context = true) => context
        ? new() { ["kms:ViaService"] = "s3.eu-west-1.amazonaws.com", ["kms:CallerAccount"] = Account, ["kms:EncryptionContext:aws:s3:arn"] = "arn:aws:s3:::acme-restricted/o" }
        : new() { ["kms:ViaService"] = "s3.eu-west-1.amazonaws.com", ["kms:CallerAccount"] = Account };

    [Test]
    public void KeyUser_DecryptsThroughS3WithContext_AllowedByUsers()
    {
        var decision = Decide(Request($"arn:aws:iam::{Account}:role/RestrictedDataPlatform", "kms:Decrypt", Key("restricted-objects"), context: ThroughS3()));

        Assert.That(decision.Outcome, Is.EqualTo(AccessOutcome.Allowed));
        Assert.That(decision.Clauses.Single().ToString(), Does.StartWith("key restricted_objects: users"));
    }

    [Test]
    public void KeyUser_WithoutEncryptionContext_DeniedByTheKey()
    {
        var decision = Decide(Request($"arn:aws:iam::{Account}:role/RestrictedDataPlatform", "kms:Decrypt", Key("restricted-objects"), context: ThroughS3(context: false)));

        Assert.That(decision.Outcome, Is.EqualTo(AccessOutcome.ExplicitlyDenied));
        Assert.That(decision.Clauses.Single().Clause, Is.EqualTo("encryption context aws:s3:arn"));
    }

    [Test]
    public void IamAllowOfDecrypt_OutsideTheKeysServices_DeniedByUsableVia()
    {
        var tags = new Dictionary<string, string>(s_payments) { ["clearance"] = "restricted" };
        var decision = Decide(Request($"arn:aws:iam::{Account}:role/Analyst", "kms:Decrypt", Key("internal"), tags, new() { ["team"] = "payments", ["DataClassification"] = "internal" }, new() { ["kms:CallerAccount"] = Account }));

        Assert.That(decision.Outcome, Is.EqualTo(AccessOutcome.ExplicitlyDenied));
        Assert.That(decision.Clauses.Single().Clause, Does.StartWith("usable via "));
    }

    [Test]
    public void KeyUser_WithoutCallerAccountInTheRequest_IsJudgedByItsOwnAccount()
    {
        // KMS sets kms:CallerAccount on every request; a request that names none is the principal's own account.
        var decision = Decide(Request($"arn:aws:iam::{Account}:role/DataPlatform", "kms:Encrypt", Key("internal"), context: new() { ["kms:ViaService"] = "ec2.eu-west-1.amazonaws.com" }));

        Assert.That(decision.Outcome, Is.EqualTo(AccessOutcome.Allowed), decision.ToString());
        Assert.That(decision.Clauses.Single().ToString(), Does.StartWith("key internal_data: users"));
    }

    [Test]
    public void IamAllowOfDecrypt_ThroughAListedService_AllowedThroughTheAccount()
    {
        var tags = new Dictionary<string, string>(s_payments) { ["clearance"] = "restricted" };
        var decision = Decide(Request($"arn:aws:iam::{Account}:role/Analyst", "kms:Decrypt", Key("internal"), tags, new() { ["team"] = "payments", ["DataClassification"] = "internal" }, new() { ["kms:CallerAccount"] = Account, ["kms:ViaService"] = "dynamodb.eu-west-1.amazonaws.com" }));

        Assert.That(decision.Outcome, Is.EqualTo(AccessOutcome.Allowed));
        Assert.That(decision.Clauses.Select(c => c.Source), Is.EqualTo(new[] { "key internal_data", "allow team_data_access" }));
    }

    [Test]
    public void RuleOverKeyArns_ReachesAKeyNamedByItsAlias()
    {
        var decider = new AccessDecider(TestPolicies.Compile($$"""
            policy "p" { account "{{Account}}" }

            key k {
              alias "alias/k"
              rotation every 365 days
              administrators "arn:aws:iam::{{Account}}:role/Admin"
            }

            allow describe_keys {
              actions kms:DescribeKey
              resources "arn:aws:kms:*:{{Account}}:key/*"
            }
            """).Lower()!);

        var byAlias = decider.Decide(Request($"arn:aws:iam::{Account}:role/R", "kms:DescribeKey", $"arn:aws:kms:eu-west-1:{Account}:alias/k"));

        Assert.That(byAlias.Outcome, Is.EqualTo(AccessOutcome.Allowed), byAlias.ToString());
        Assert.That(AccessDecider.KeyArn($"arn:aws:kms:eu-west-1:{Account}:alias/k", decider.FindKey($"arn:aws:kms:eu-west-1:{Account}:alias/k")!), Is.EqualTo($"arn:aws:kms:eu-west-1:{Account}:key/k"));
    }

    [TestCase("kms:ScheduleKeyDeletion", AccessOutcome.Allowed, TestName = "Administrator_ManagesTheKey")]
    [TestCase("kms:CreateGrant", AccessOutcome.ImplicitlyDenied, TestName = "Administrator_CannotCreateGrants")]
    [TestCase("kms:Decrypt", AccessOutcome.ImplicitlyDenied, TestName = "Administrator_CannotUseTheKey")]
    public void Administrator(string action, AccessOutcome expected)
    {
        var decision = Decide(Request($"arn:aws:iam::{Account}:role/KeyAdministrators", action, Key("confidential"), context: new() { ["kms:ViaService"] = "s3.eu-west-1.amazonaws.com", ["kms:CallerAccount"] = Account, ["aws:MultiFactorAuthPresent"] = "true", ["aws:MultiFactorAuthAge"] = "300" }));

        Assert.That(decision.Outcome, Is.EqualTo(expected), decision.ToString());
    }

    [Test]
    public void UnencryptedVolumeCreation_DeniedByTheEncryptionRequirement()
    {
        var decision = Decide(Request($"arn:aws:iam::{Account}:role/Builder", "ec2:CreateVolume", $"arn:aws:ec2:eu-west-1:{Account}:volume/*", context: new() { ["ec2:Encrypted"] = "false", ["aws:RequestTag/DataClassification"] = "internal", ["aws:RequestTag/team"] = "payments" }));

        Assert.That(decision.Outcome, Is.EqualTo(AccessOutcome.ExplicitlyDenied));
        Assert.That(decision.Clauses.Select(c => c.ToString()), Has.Some.StartsWith("encryption_at_rest.1: ebs Unencrypted: ec2:Encrypted is false"));
    }

    // A volume made from a snapshot is authorized on the snapshot too, where AWS presents no request tags: a deny on an
    // unclassified create passes the classified request on the volume and meets it on the snapshot, as the compiled
    // identity policy does (SP4011 warns of it; the baseline names the volume in `resources`).
    [TestCase("volume/vol-1", AccessOutcome.ImplicitlyDenied, TestName = "ClassifiedVolumeCreation_OnTheVolume_PassesTheDeny")]
    [TestCase("snapshot/snap-1", AccessOutcome.ExplicitlyDenied, TestName = "ClassifiedVolumeCreation_OnTheSourceSnapshot_HasNoRequestTags")]
    public void ClassifiedVolumeCreation_ReadsRequestTagsWhereAwsPresentsThem(string resource, AccessOutcome expected)
    {
        var decider = new AccessDecider(TestPolicies.Compile("""
            deny unclassified_creates {
              actions ec2:CreateVolume
              when request.tag.DataClassification not in ["public", "internal"]
            }
            """).Lower()!);
        var arn = resource.StartsWith("snapshot", StringComparison.Ordinal) ? $"arn:aws:ec2:eu-west-1::{resource}" : $"arn:aws:ec2:eu-west-1:{Account}:{resource}";

        var decision = decider.Decide(Request($"arn:aws:iam::{Account}:role/Builder", "ec2:CreateVolume", arn, context: new() { ["aws:RequestTag/DataClassification"] = "internal" }));

        Assert.That(decision.Outcome, Is.EqualTo(expected), decision.ToString());
    }

    [TestCase("2026-11-28T09:00:00Z", AccessOutcome.Allowed, TestName = "BreakGlass_BeforeUntil_Allowed")]
    [TestCase("2027-02-01T00:00:00Z", AccessOutcome.ImplicitlyDenied, TestName = "BreakGlass_AfterUntil_NotGranted")]
    public void BreakGlass(string time, AccessOutcome expected)
    {
        var request = Request($"arn:aws:iam::{Account}:role/BreakGlass", "kms:Decrypt", Key("restricted"), new() { ["oncall"] = "true" }, context: new() { ["kms:ViaService"] = "rds.eu-west-1.amazonaws.com", ["kms:CallerAccount"] = Account })
            with { Time = DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.That(Decide(request).Outcome, Is.EqualTo(expected));
    }

    [Test]
    public void WaivedBucket_UploadWithoutCustomerKey_IsNotDenied_UntilTheWaiverExpires()
    {
        var decider = new AccessDecider(TestPolicies.Compile(File.ReadAllText(Path.Combine(RepoPaths.Cases, "build", "scp-waivers.sec08"))).Lower()!);
        var upload = Request($"arn:aws:iam::{Account}:role/Exporter", "s3:PutObject", "arn:aws:s3:::legacy-exports/file.csv", context: new() { ["s3:x-amz-server-side-encryption"] = "AES256" });

        Assert.That(decider.Decide(upload).Outcome, Is.EqualTo(AccessOutcome.ImplicitlyDenied), "nothing grants it, nothing denies it");
        Assert.That(decider.Decide(upload with { Resource = "arn:aws:s3:::other/file.csv" }).Outcome, Is.EqualTo(AccessOutcome.ExplicitlyDenied));
        Assert.That(decider.Decide(upload with { Time = new DateTimeOffset(2030, 7, 1, 0, 0, 0, TimeSpan.Zero) }).Outcome, Is.EqualTo(AccessOutcome.ExplicitlyDenied));
    }

    [Test]
    public void Explain_NamesTheAtomsThatHeld()
    {
        var request = Request($"arn:aws:iam::{Account}:role/Analyst", "s3:GetObject", "arn:aws:s3:::acme-payments/ledger.csv", s_payments, new() { ["team"] = "payments" });
        var decision = Decide(request);

        var atoms = s_baseline.Value.Explain(request, decision.Clauses.Single());

        Assert.That(atoms, Does.Contain("principal.tag.team (\"payments\") == resource.tag.team (\"payments\")"));
        Assert.That(atoms, Has.Some.StartsWith("resource.classification (missing, so the default `internal`) in [internal]"));
    }

    [Test]
    public void MalformedPrincipal_OutsideThePerimeter_IsDeniedByIt_WithoutAnError()
    {
        var decision = Decide(new AccessRequest
        {
            Principal = "arn:aws:iam::11112222&333:role/KeyAdministrators",
            Action = "s3:GetObject",
            Resource = "arn:aws:s3:::acme-payments/ledger.csv",
            Time = s_now,
        });

        Assert.That(decision.Outcome, Is.EqualTo(AccessOutcome.ExplicitlyDenied));
        Assert.That(decision.Clauses.Select(c => c.Source), Does.Contain("perimeter acme.network"));
    }
}
