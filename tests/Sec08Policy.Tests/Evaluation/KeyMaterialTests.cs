using System.Text;
using Sec08Policy.Compiler;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Inputs.Inventory;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Evaluation;

/// <summary>
/// Key spec, origin and multi-Region replicas, read from every input form and evaluated for keys and for the data
/// they protect: a replica is judged by its primary, and a Region no input shows stays Unknown.
/// </summary>
public class KeyMaterialTests
{
    private const string Policy = TestPolicies.Prelude + """
        require key_material for kms, s3 {
          key spec at least RSA_3072
          key origin aws_kms, aws_cloudhsm
          key replicated to "eu-west-1"
        }
        """;

    private const string Template = """
        {
          "Resources": {
            "StrongKey": { "Type": "AWS::KMS::Key", "Properties": { "KeySpec": "RSA_4096", "KeyUsage": "ENCRYPT_DECRYPT", "MultiRegion": true } },
            "StrongReplica": { "Type": "AWS::KMS::ReplicaKey", "Properties": { "PrimaryKeyArn": { "Fn::GetAtt": ["StrongKey", "Arn"] }, "KeyPolicy": {} } },
            "WeakKey": { "Type": "AWS::KMS::Key", "Properties": { "KeySpec": "RSA_2048", "Origin": "EXTERNAL" } },
            "DefaultKey": { "Type": "AWS::KMS::Key", "Properties": { "EnableKeyRotation": true } },
            "WeakBucket": { "Type": "AWS::S3::Bucket", "Properties": {
              "BucketEncryption": { "ServerSideEncryptionConfiguration": [{ "ServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": { "Ref": "WeakKey" } } }] } } },
            "ManagedBucket": { "Type": "AWS::S3::Bucket", "Properties": {
              "BucketEncryption": { "ServerSideEncryptionConfiguration": [{ "ServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms" } }] } } }
          }
        }
        """;

    private const string Plan = """
        {
          "format_version": "1.2",
          "resource_changes": [
            { "address": "aws_kms_key.strong", "mode": "managed", "type": "aws_kms_key", "name": "strong",
              "change": { "actions": ["create"], "after": { "customer_master_key_spec": "ECC_NIST_P384", "multi_region": true, "region": "us-east-1" }, "after_unknown": { "arn": true } } },
            { "address": "aws_kms_replica_key.eu", "mode": "managed", "type": "aws_kms_replica_key", "name": "eu",
              "change": { "actions": ["create"], "after": { "region": "eu-west-1" }, "after_unknown": { "primary_key_arn": true } } },
            { "address": "aws_kms_key.hsm", "mode": "managed", "type": "aws_kms_key", "name": "hsm",
              "change": { "actions": ["create"], "after": { "custom_key_store_id": "cks-1234567890abcdef0", "multi_region": false }, "after_unknown": {} } },
            { "address": "aws_kms_external_key.byok", "mode": "managed", "type": "aws_kms_external_key", "name": "byok",
              "change": { "actions": ["create"], "after": { "multi_region": false }, "after_unknown": {} } }
          ],
          "configuration": { "root_module": { "resources": [
            { "address": "aws_kms_replica_key.eu", "type": "aws_kms_replica_key", "name": "eu",
              "expressions": { "primary_key_arn": { "references": ["aws_kms_key.strong.arn", "aws_kms_key.strong"] } } }
          ] } }
        }
        """;

    private const string ConfigItems = """
        [
          { "resourceType": "AWS::KMS::Key", "arn": "arn:aws:kms:us-east-1:111122223333:key/mrk-1", "awsRegion": "us-east-1",
            "configuration": { "keyManager": "CUSTOMER", "keyState": "Enabled", "keySpec": "ECC_NIST_P256", "origin": "AWS_KMS", "multiRegion": true,
              "multiRegionConfiguration": { "multiRegionKeyType": "PRIMARY", "primaryKey": { "arn": "arn:aws:kms:us-east-1:111122223333:key/mrk-1", "region": "us-east-1" },
                "replicaKeys": [{ "arn": "arn:aws:kms:eu-west-1:111122223333:key/mrk-1", "region": "eu-west-1" }] } } },
          { "resourceType": "AWS::KMS::Key", "arn": "arn:aws:kms:eu-west-1:111122223333:key/mrk-1", "awsRegion": "eu-west-1",
            "configuration": { "keyManager": "CUSTOMER", "keyState": "Enabled", "multiRegion": true,
              "multiRegionConfiguration": { "multiRegionKeyType": "REPLICA", "primaryKey": { "arn": "arn:aws:kms:us-east-1:111122223333:key/mrk-1", "region": "us-east-1" } } } },
          { "resourceType": "AWS::KMS::Key", "arn": "arn:aws:kms:us-east-1:111122223333:key/mrk-2", "awsRegion": "us-east-1",
            "configuration": { "keyManager": "CUSTOMER", "keyState": "Enabled", "keySpec": "RSA_2048", "origin": "EXTERNAL_KEY_STORE", "multiRegion": true,
              "multiRegionConfiguration": { "multiRegionKeyType": "PRIMARY", "replicaKeys": [{ "region": "us-west-2" }] } } }
        ]
        """;

    private const string Inventory = """
        { "format": "sec08-inventory/1", "resources": [
          { "id": "old-key", "type": "AWS::KMS::Key", "key": { "manager": "CUSTOMER", "multiRegion": false } },
          { "id": "new-key", "type": "AWS::KMS::Key", "key": { "manager": "CUSTOMER", "multiRegion": true, "spec": "HMAC_256", "origin": "AWS_CLOUDHSM", "replicaRegions": ["eu-west-1"] } }
        ] }
        """;

    private static Dictionary<(string Rule, string Resource), Finding> Evaluate(string input, string name)
    {
        var policy = Compilation.Create([SyntaxTree.Parse(Policy, "p.sec08")], TestPolicies.Options).Lower()!;
        var loaded = InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(input)), name);
        return new Evaluator(policy, new EvaluationOptions(CliRunner.Today)).Evaluate(loaded.Resources).Findings
            .ToDictionary(f => (f.Rule.Id, f.Resource.Id));
    }

    private static void Expect(Dictionary<(string, string), Finding> findings, string resource, params Verdict[] verdicts)
    {
        for (var i = 0; i < verdicts.Length; i++)
        {
            var finding = findings[($"key_material.{i + 1}", resource)];
            Assert.That(finding.Verdict, Is.EqualTo(verdicts[i]), $"{resource} key_material.{i + 1}: {finding.Reason}");
        }
    }

    [Test]
    public void Template_SpecOriginAndReplicas_AreReadAndJudged()
    {
        var findings = Evaluate(Template, "t.json");

        Expect(findings, "StrongKey", Verdict.Pass, Verdict.Pass, Verdict.Unknown);
        Expect(findings, "WeakKey", Verdict.Fail, Verdict.Fail, Verdict.Fail);
        Expect(findings, "DefaultKey", Verdict.Pass, Verdict.Pass, Verdict.Fail);
        Expect(findings, "WeakBucket", Verdict.Fail, Verdict.Fail, Verdict.Fail);
        Expect(findings, "ManagedBucket", Verdict.Pass, Verdict.Pass, Verdict.Fail);

        // A replica shares its primary's spec and origin; CloudFormation places it in the Region of its own stack.
        Expect(findings, "StrongReplica", Verdict.Pass, Verdict.Pass, Verdict.Unknown);
        Assert.That(findings[("key_material.3", "StrongKey")].Reason, Does.Contain("StrongReplica"));
        Assert.That(findings[("key_material.1", "WeakBucket")].Reason, Does.Contain("RSA_2048").And.Contain("at least RSA_3072"));
    }

    [Test]
    public void Plan_SpecOriginAndReplicas_AreReadAndJudged()
    {
        var findings = Evaluate(Plan, "plan.json");

        Expect(findings, "aws_kms_key.strong", Verdict.Pass, Verdict.Pass, Verdict.Pass);
        Expect(findings, "aws_kms_key.hsm", Verdict.Pass, Verdict.Pass, Verdict.Fail);
        Expect(findings, "aws_kms_external_key.byok", Verdict.Pass, Verdict.Fail, Verdict.Fail);
        Assert.That(findings[("key_material.2", "aws_kms_external_key.byok")].Reason, Does.Contain("EXTERNAL"));
    }

    [Test]
    public void ConfigItems_SpecOriginAndReplicaRegions_AreReadAndJudged()
    {
        var findings = Evaluate(ConfigItems, "items.json");

        Expect(findings, "arn:aws:kms:us-east-1:111122223333:key/mrk-1", Verdict.Pass, Verdict.Pass, Verdict.Pass);
        Expect(findings, "arn:aws:kms:eu-west-1:111122223333:key/mrk-1", Verdict.Pass, Verdict.Pass, Verdict.Pass);
        Expect(findings, "arn:aws:kms:us-east-1:111122223333:key/mrk-2", Verdict.Fail, Verdict.Fail, Verdict.Fail);
    }

    [Test]
    public void Inventory_MissingSpec_IsUnknownNeverPass()
    {
        var findings = Evaluate(Inventory, "inventory.json");

        Expect(findings, "old-key", Verdict.Unknown, Verdict.Unknown, Verdict.Fail);
        Expect(findings, "new-key", Verdict.Pass, Verdict.Pass, Verdict.Pass);
    }

    [Test]
    public void Inventory_KeyFacts_SurviveWritingAndReading()
    {
        var template = InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(Template)), "t.json").Resources;
        using var written = new MemoryStream();
        InventoryWriter.Write(written, template);
        written.Position = 0;
        var read = InputLoader.Load(written, "inventory.json").Resources;

        var strong = read.Single(r => r.Id == "StrongKey").Key!;
        Assert.That(strong.Spec.Value, Is.EqualTo("RSA_4096"));
        Assert.That(strong.Origin.Value, Is.EqualTo("AWS_KMS"));
        Assert.That(strong.ReplicaRegions.IsKnown, Is.False);
        Assert.That(read.Single(r => r.Id == "StrongReplica").Key!.Primary!.Value.Value, Is.EqualTo("StrongKey"));
    }
}
