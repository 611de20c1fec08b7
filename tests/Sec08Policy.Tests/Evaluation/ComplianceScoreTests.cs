using System.Text;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Evaluation;

/// <summary>Per framework and control: distinct resources under their worst verdict, and the share fully passing.</summary>
public class ComplianceScoreTests
{
    private const string Policy = """
        require encrypted for s3, ebs {
          encrypted
          compliance pci_dss "3.5.1", nist_800_53 "SC-28"
        }

        require customer_keys for s3, ebs {
          encrypted with customer_managed key
          compliance pci_dss "3.5.1", pci_dss "3.10.1", nist_800_53 "SC-12"
        }

        require tagged for s3 {
          tags "team"
          compliance pci_dss "7.2.1"
        }

        waive legacy {
          resources "Legacy"
          requirement customer_keys
          reason "migration"
          expires 2027-03-31
        }
        """;

    private const string Template = """
        {
          "Parameters": { "Encrypt": { "Type": "String" } },
          "Resources": {
            "Key": { "Type": "AWS::KMS::Key", "Properties": { "EnableKeyRotation": true } },
            "Good": { "Type": "AWS::S3::Bucket", "Properties": {
              "Tags": [{ "Key": "team", "Value": "a" }],
              "BucketEncryption": { "ServerSideEncryptionConfiguration": [{ "ServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": { "Fn::GetAtt": ["Key", "Arn"] } } }] } } },
            "Legacy": { "Type": "AWS::S3::Bucket", "Properties": { "Tags": [{ "Key": "team", "Value": "b" }] } },
            "Plain": { "Type": "AWS::EC2::Volume", "Properties": { "Encrypted": false } },
            "Maybe": { "Type": "AWS::EC2::Volume", "Properties": { "Encrypted": { "Ref": "Encrypt" } } }
          }
        }
        """;

    [Test]
    public void Compliance_CountsEachResourceOnceUnderItsWorstVerdictPerControl()
    {
        var policy = TestPolicies.Compile(Policy).Lower()!;
        var input = InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(Template)), "t.json");
        var result = new Evaluator(policy, new EvaluationOptions(CliRunner.Today)).Evaluate(input.Resources);

        var scores = result.Compliance;

        Assert.That(scores.Select(f => f.Framework), Is.EqualTo(new[] { "pci_dss", "nist_800_53" }), "in the order of the catalogue");
        var pci = scores[0];
        Assert.That(pci.Title, Is.EqualTo("PCI DSS v4.0.1"));
        Assert.That(pci.Controls.Select(c => c.Control), Is.EqualTo(new[] { "3.5.1", "3.10.1", "7.2.1" }), "numbers in numeric order");
        var storage = pci.Controls[0];
        Assert.That(storage.Rules, Is.EqualTo(new[] { "customer_keys.1", "encrypted.1" }));
        // Good passes both rules; Legacy is encrypted by S3 but waived for the key; Plain fails; Maybe is unknown.
        Assert.That((storage.Passing, storage.Failing, storage.Unknown, storage.Waived), Is.EqualTo((1, 1, 1, 1)));
        Assert.That(pci.Controls[2], Has.Property("Passing").EqualTo(2).And.Property("FullyPassing").True);
        Assert.That(pci.Assessed, Is.EqualTo(3));
        Assert.That(pci.FullyPassing, Is.EqualTo(1));
        Assert.That(pci.Percent, Is.EqualTo(100.0 / 3).Within(1e-9));
    }

    [Test]
    public void Compliance_FindingsOfAResourceApart_CountTheResourceOnce()
    {
        // Findings in rule order (a resource's findings apart) score as the evaluator's resource order does.
        var policy = TestPolicies.Compile(Policy).Lower()!;
        var input = InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(Template)), "t.json");
        var result = new Evaluator(policy, new EvaluationOptions(CliRunner.Today)).Evaluate(input.Resources);
        var byRule = result with { Findings = [.. result.Findings.OrderBy(f => f.Rule.Id, StringComparer.Ordinal)] };

        Assert.That(byRule.Findings.Select(f => f.Resource), Is.Not.EqualTo(result.Findings.Select(f => f.Resource)), "the order differs");
        var expected = result.Compliance.SelectMany(f => f.Controls).Select(c => (c.Control, c.Passing, c.Failing, c.Unknown, c.Waived));
        Assert.That(byRule.Compliance.SelectMany(f => f.Controls).Select(c => (c.Control, c.Passing, c.Failing, c.Unknown, c.Waived)), Is.EqualTo(expected));
        Assert.That(byRule.Compliance[0].Controls[0].Resources, Is.EqualTo(4), "four resources, each once");
    }

    [Test]
    public void Compliance_ControlNoResourceFallsUnder_IsNotAssessed()
    {
        var policy = TestPolicies.Compile("require keys for kms {\n  key rotation enabled\n  compliance cis_aws \"3.6\"\n}\n").Lower()!;

        var result = new Evaluator(policy, new EvaluationOptions(CliRunner.Today)).Evaluate([]);

        var control = result.Compliance.Single().Controls.Single();
        Assert.That(control.Assessed, Is.False);
        Assert.That(result.Compliance[0].Percent, Is.Null);
    }
}
