using System.Xml.Linq;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Testing;

/// <summary><c>sec08 test</c> on small policies and test files written per test, in-process.</summary>
public class TestCommandTests
{
    private const string Policy = """
        classification DataClassification {
          levels internal < confidential
          default internal
        }

        require storage_encrypted for s3, ebs {
          encrypted
          classification == confidential: encrypted with customer_managed key
          compliance pci_dss "3.5.1"
        }

        waive legacy_bucket {
          resources "arn:aws:s3:::legacy-*"
          requirement storage_encrypted
          reason "migration tracked in DATA-1"
          expires 2027-01-31
        }
        """;

    private const string UnencryptedVolume = """
            terraform:
              - address: aws_ebs_volume.scratch
                type: aws_ebs_volume
                change: { after: { availability_zone: eu-west-1a, encrypted: false } }
        """;

    private TempFolder _temp = null!;

    [SetUp]
    public void CreateFolder()
    {
        _temp = new TempFolder();
        File.WriteAllText(_temp.Combine("policy.sec08"), Policy);
        Directory.CreateDirectory(_temp.Combine("tests"));
    }

    [TearDown]
    public void DeleteFolder() => _temp.Dispose();

    private string WriteTests(string cases, string header = "date: 2026-11-28\n")
    {
        var path = _temp.Combine("tests", "policy.test.yaml");
        File.WriteAllText(path, header + "cases:\n" + cases);
        return path;
    }

    [Test]
    public void Test_PassingCases_PrintTheSummaryAndExitZero()
    {
        WriteTests($"""
              - name: an unencrypted volume fails
            {UnencryptedVolume}
                expect:
                  storage_encrypted.1: fail
                  storage_encrypted.2: not-applicable
            """);

        var run = CliRunner.Invoke("test", _temp.Path);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Out, Is.EqualTo("1 passed, 0 failed\n"));
    }

    [Test]
    public void Test_FailingExpectation_PrintsBothPositionsExpectedAndActualAndExitsOne()
    {
        var file = WriteTests($"""
              - name: wrongly expected to pass
            {UnencryptedVolume}
                expect:
                  storage_encrypted.1: pass
            """);

        var run = CliRunner.Invoke("test", file);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Out, Does.Contain("tests/policy.test.yaml(9,7): FAIL wrongly expected to pass: `storage_encrypted.1`: expected pass, got fail (not encrypted at rest)"));
        Assert.That(run.Out, Does.Contain("[rule at ").And.Contain("policy.sec08(7,3)]"));
        Assert.That(run.Out, Does.EndWith("0 passed, 1 failed\n"));
    }

    [Test]
    public void Test_WaiverExpiry_FollowsTheDateOfEachCase()
    {
        const string Bucket = """
                inventory:
                  - type: AWS::S3::Bucket
                    id: arn:aws:s3:::legacy-exports
                    arn: arn:aws:s3:::legacy-exports
                    encryption: { enabled: false }
            """;
        WriteTests($"""
              - name: waived on the last day
                date: 2027-01-31
            {Bucket}
                expect:
                  storage_encrypted.1: {"{"} verdict: waived, waiver: legacy_bucket, reason: not encrypted {"}"}
              - name: failing the day after
                date: 2027-02-01
            {Bucket}
                expect:
                  storage_encrypted.1: fail
            """);

        var run = CliRunner.Invoke("test", _temp.Path, "--coverage");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Out + run.Error);
        Assert.That(run.Out, Does.StartWith("2 passed, 0 failed\ncoverage: 2 of 3 exercised (66.6%)\n"));
        Assert.That(run.Out, Does.Contain("not exercised: requirement clause `storage_encrypted.2`"));
    }

    [Test]
    public void Test_MinCoverage_BelowTheFloor_ExitsOne()
    {
        WriteTests($"""
              - name: only the first clause
            {UnencryptedVolume}
                expect:
                  storage_encrypted.1: fail
            """);

        var below = CliRunner.Invoke("test", _temp.Path, "--min-coverage", "50");
        var met = CliRunner.Invoke("test", _temp.Path, "--min-coverage", "33");

        Assert.That(below.ExitCode, Is.EqualTo(1));
        Assert.That(below.Error, Does.Contain("coverage 33.3% is below --min-coverage 50%"));
        Assert.That(met.ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void Test_ResourceKeyedExpectations_AndDisagreeingResources()
    {
        WriteTests("""
              - name: two volumes, one encrypted
                cloudformation:
                  Good: { Type: "AWS::EC2::Volume", Properties: { AvailabilityZone: eu-west-1a, Encrypted: true } }
                  Bad: { Type: "AWS::EC2::Volume", Properties: { AvailabilityZone: eu-west-1a, Encrypted: false } }
                expect:
                  Good:
                    storage_encrypted.1: pass
                  Bad:
                    storage_encrypted.1: fail
              - name: the same rule unkeyed
                cloudformation:
                  Good: { Type: "AWS::EC2::Volume", Properties: { AvailabilityZone: eu-west-1a, Encrypted: true } }
                  Bad: { Type: "AWS::EC2::Volume", Properties: { AvailabilityZone: eu-west-1a, Encrypted: false } }
                expect:
                  storage_encrypted.1: fail
            """);

        var run = CliRunner.Invoke("test", _temp.Path);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Out, Does.Contain("the verdict differs by resource (`Good` pass, `Bad` fail); key the expectation by resource"));
        Assert.That(run.Out, Does.EndWith("1 passed, 1 failed\n"));
    }

    [Test]
    public void Test_AccessCases_RunThroughTheLanguagesDecisionProcedure()
    {
        WriteTests("""
              - name: nothing grants a read
                access:
                  principal: arn:aws:iam::111122223333:role/Reader
                  action: s3:GetObject
                  resource: arn:aws:s3:::data/x
                expect: deny
              - name: a read is expected to be allowed
                access:
                  principal: arn:aws:iam::111122223333:role/Reader
                  action: s3:GetObject
                  resource: arn:aws:s3:::data/x
                expect: allow
            """);

        var run = CliRunner.Invoke("test", _temp.Path);
        var junit = CliRunner.Invoke("test", _temp.Path, "--format", "junit");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Out, Does.Contain("FAIL a read is expected to be allowed: expected allow, got deny (no rule allows it)"));
        Assert.That(run.Out, Does.EndWith("1 passed, 1 failed\n"));
        var suites = XDocument.Parse(junit.Out).Root!;
        Assert.That(suites.Attribute("skipped")!.Value, Is.EqualTo("0"));
        Assert.That(suites.Descendants("failure").Count(), Is.EqualTo(1));
    }

    [Test]
    public void Test_Junit_HasASuitePerFileAndAFailurePerFailingCase()
    {
        WriteTests($"""
              - name: passes
            {UnencryptedVolume}
                expect:
                  storage_encrypted.1: fail
              - name: fails
            {UnencryptedVolume}
                expect:
                  storage_encrypted.1: unknown
            """);

        var run = CliRunner.Invoke("test", _temp.Path, "--format", "junit");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        var suite = XDocument.Parse(run.Out).Root!.Element("testsuite")!;
        Assert.That(suite.Attribute("tests")!.Value, Is.EqualTo("2"));
        Assert.That(suite.Attribute("failures")!.Value, Is.EqualTo("1"));
        Assert.That(suite.Elements("testcase").Single(c => c.Element("failure") is not null).Attribute("name")!.Value, Is.EqualTo("fails"));
    }

    [TestCase("storage_encryptd.1: fail", "(9,7): error: the policy has no rule `storage_encryptd.1`, and no resource of the case is named `storage_encryptd.1`")]
    [TestCase("storage_encrypted: fail", "(9,7): error: the policy has no rule `storage_encrypted`; `storage_encrypted` is a requirement: name one of its rules, `storage_encrypted.1`, `storage_encrypted.2`")]
    [TestCase("storage_encrypted.1: failed", "(9,28): error: `failed` is not a verdict; expected pass, fail, unknown, waived or not-applicable")]
    [TestCase("storage_encrypted.1: { verdict: pass, reason: x }", "(9,53): error: only a fail, unknown or waived verdict has a reason")]
    public void Test_BadExpectation_IsAnInputErrorWithItsPositionAndNothingRuns(string expectation, string message)
    {
        var file = WriteTests($"""
              - name: good case first
            {UnencryptedVolume}
                expect:
                  {expectation}
            """);

        var run = CliRunner.Invoke("test", file);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("tests/policy.test.yaml" + message));
        Assert.That(run.Out, Is.Empty, "no case is reported, passed or not");
    }

    [TestCase("cases:\n  - name: [unclosed\n", "(3,1): error: malformed YAML")]
    [TestCase("cases:\n  - name: x\n    kubernetes: {}\n    expect: { a: pass }\n", "(3,5): error: `kubernetes` is not a key of a case")]
    [TestCase("cases:\n  - name: x\n    cloudformation:\n      B: { Properties: {} }\n    expect: { a: pass }\n", "(4,10): error: resource `B` needs a `Type`")]
    [TestCase("cases:\n  - name: x\n    cloudformation:\n      B: { Type: \"AWS::S3::Buckets\" }\n    expect: { a: pass }\n", "(4,10): error: resource `B` is of type `AWS::S3::Buckets`, which sec08 does not check")]
    [TestCase("cases:\n  - name: x\n    date: 2026-13-01\n    cloudformation: { B: { Type: \"AWS::S3::Bucket\" } }\n    expect: { a: pass }\n", "(3,11): error: `2026-13-01` is not a date")]
    public void Test_MalformedTestFile_ExitsThreeWithThePosition(string text, string message)
    {
        File.WriteAllText(_temp.Combine("tests", "policy.test.yaml"), text);

        var run = CliRunner.Invoke("test", _temp.Path);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("policy.test.yaml" + message));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public void Test_DeeplyNestedTestFile_IsRefusedWithAPosition()
    {
        File.WriteAllText(_temp.Combine("tests", "policy.test.yaml"), "cases: " + new string('[', 5000) + new string(']', 5000) + "\n");

        var run = CliRunner.Invoke("test", _temp.Path);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("nests deeper than 64 levels"));
    }

    [Test]
    public void Test_PolicyWithErrors_ExitsTwo()
    {
        File.WriteAllText(_temp.Combine("policy.sec08"), "require r for s3 { encrypted severity urgent }\n");
        WriteTests($"""
              - name: x
            {UnencryptedVolume}
                expect:
                  r.1: fail
            """);

        var run = CliRunner.Invoke("test", _temp.Path);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("SP2027"));
    }

    [Test]
    public void Test_FolderWithoutTestFiles_IsAUsageError()
    {
        var run = CliRunner.Invoke("test", _temp.Combine("tests"));

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("no test files (`*.test.yaml`) under"));
    }
}
