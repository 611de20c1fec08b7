using System.Text;
using Sec08Policy.Compiler;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Evaluation;

/// <summary>Every verdict kind, waiver expiry on both sides of the date, and checks that follow a key reference.</summary>
public class VerdictTests
{
    private const string Policy = TestPolicies.Prelude + """
        require encryption for s3, ebs {
          encrypted
          classification >= confidential: encrypted with customer_managed key
          severity high
        }

        require rotation for s3, ebs {
          classification >= confidential: key rotation enabled
          severity medium
        }

        waive legacy {
          resources "LegacyBucket"
          requirement encryption
          reason "migration"
          expires 2027-03-31
        }
        """;

    private const string Template = """
        {
          "Parameters": { "Encrypt": { "Type": "String" } },
          "Resources": {
            "Key": { "Type": "AWS::KMS::Key", "Properties": { "EnableKeyRotation": false } },
            "SecretBucket": { "Type": "AWS::S3::Bucket", "Properties": {
              "Tags": [{ "Key": "DataClassification", "Value": "confidential" }],
              "BucketEncryption": { "ServerSideEncryptionConfiguration": [{ "ServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": { "Fn::GetAtt": ["Key", "Arn"] } } }] } } },
            "LegacyBucket": { "Type": "AWS::S3::Bucket", "Properties": { "Tags": [{ "Key": "DataClassification", "Value": "restricted" }] } },
            "PlainVolume": { "Type": "AWS::EC2::Volume", "Properties": { "Encrypted": false } },
            "MaybeVolume": { "Type": "AWS::EC2::Volume", "Properties": { "Encrypted": { "Ref": "Encrypt" } } },
            "Queue": { "Type": "AWS::SQS::Queue" }
          }
        }
        """;

    private static EvaluationResult Evaluate(DateOnly today)
    {
        var policy = Compilation.Create([SyntaxTree.Parse(Policy, "p.sec08")], new CompilationOptions { Today = today }).Lower()!;
        var input = InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(Template)), "t.json");
        return new Evaluator(policy, new EvaluationOptions(today)).Evaluate(input.Resources);
    }

    private static Finding Find(EvaluationResult result, string rule, string resource) =>
        result.Findings.Single(f => f.Rule.Id == rule && f.Resource.Id == resource);

    [Test]
    public void Evaluate_EveryVerdictKind_IsReported()
    {
        var result = Evaluate(new DateOnly(2026, 11, 28));

        Assert.That(Find(result, "encryption.1", "SecretBucket").Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(Find(result, "encryption.2", "SecretBucket").Verdict, Is.EqualTo(Verdict.Pass), "the bucket's key is the template's own customer-managed key");
        Assert.That(Find(result, "encryption.1", "PlainVolume").Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(Find(result, "encryption.1", "MaybeVolume").Verdict, Is.EqualTo(Verdict.Unknown));
        Assert.That(Find(result, "encryption.1", "MaybeVolume").Reason, Does.Contain("parameter `Encrypt` has no default"));
        Assert.That(result.Findings.Any(f => f.Resource.Id == "Queue"), Is.False, "sqs is outside every rule");
        Assert.That(result.Findings.Any(f => f.Rule.Id == "encryption.2" && f.Resource.Id == "PlainVolume"), Is.False, "internal data is outside the confidential clause");
        Assert.That(result.NotApplicable, Is.GreaterThan(0));
        Assert.That(Find(result, "encryption.2", "LegacyBucket").Verdict, Is.EqualTo(Verdict.Waived));
    }

    [Test]
    public void Evaluate_KeyWithoutRotation_FailsTheRotationOfTheDataItProtects()
    {
        var finding = Find(Evaluate(new DateOnly(2026, 11, 28)), "rotation.1", "SecretBucket");

        Assert.That(finding.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(finding.Reason, Is.EqualTo("key `Key` does not rotate automatically"));
    }

    [TestCase(2027, 3, 31, Verdict.Waived, false)]
    [TestCase(2027, 4, 1, Verdict.Fail, true)]
    public void Evaluate_Waiver_HoldsThroughItsExpiryDayOnly(int year, int month, int day, Verdict expected, bool expired)
    {
        var finding = Find(Evaluate(new DateOnly(year, month, day)), "encryption.2", "LegacyBucket");

        Assert.That(finding.Verdict, Is.EqualTo(expected));
        Assert.That(finding.Waiver!.Name, Is.EqualTo("legacy"));
        Assert.That(finding.WaiverExpired, Is.EqualTo(expired));
    }

    [Test]
    public void Evaluate_Kpis_CountUnknownsApart()
    {
        var kpis = Evaluate(new DateOnly(2026, 11, 28)).Kpis;

        Assert.That(kpis.All.Resources, Is.EqualTo(5));
        Assert.That(kpis.All.Encrypted, Is.EqualTo(new Share(3, 5, 1)), "two buckets and the queue are encrypted; one volume is not; one is unknown");
        Assert.That(kpis.KeyRotation, Is.EqualTo(new Share(0, 1, 0)));
        Assert.That((kpis.WaiversInForce, kpis.WaiversExpired), Is.EqualTo((1, 0)));
    }

    [Test]
    public void Evaluate_TagRule_DoesNotApplyToAwsManagedKeys()
    {
        const string policy = "require tagged for kms {\n  tags \"team\"\n}\n";
        var compiled = TestPolicies.Compile(policy, "p.sec08").Lower()!;
        var input = InputLoader.Load(Path.Combine(RepoPaths.Cases, "inputs", "equivalence", "config-snapshot.json"));

        var result = new Evaluator(compiled, new EvaluationOptions(CliRunner.Today)).Evaluate(input.Resources);

        var keys = input.Resources.Where(r => r.Key is not null).ToList();
        Assert.That(keys.Any(k => k.Key!.Manager is { IsKnown: true, Value: Sec08Policy.Engine.Resources.KeyManager.AwsManaged }), Is.True);
        Assert.That(result.Findings.Select(f => f.Resource), Has.None.Matches<Sec08Policy.Engine.Resources.Resource>(r => r.Key?.Manager is { IsKnown: true, Value: Sec08Policy.Engine.Resources.KeyManager.AwsManaged }));
        Assert.That(result.Findings.Count(f => f.Resource.Key is not null), Is.EqualTo(keys.Count(k => k.Key!.Manager is { IsKnown: true, Value: Sec08Policy.Engine.Resources.KeyManager.Customer })));
    }
}
