using Sec08Policy.Engine.Inputs;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Engine.Inputs;

/// <summary>
/// The same resources, described as a CloudFormation template (YAML and JSON), a Terraform plan, an AWS Config
/// snapshot, Config notification items and a native inventory, give the same security facts.
/// </summary>
public class InputEquivalenceTests
{
    private static string Fixture(string name) => Path.Combine(RepoPaths.Cases, "inputs", "equivalence", name);

    public static IEnumerable<TestCaseData> Formats() =>
        new[] { "template.json", "plan.json", "config-snapshot.json", "config-items.json", "inventory.json" }
            .Select(f => new TestCaseData(f).SetName("Equivalence_" + f));

    [TestCaseSource(nameof(Formats))]
    public void Input_SameResourcesInAnotherFormat_GiveTheSameFacts(string file)
    {
        var reference = FixtureSummary.Of(InputLoader.Load(Fixture("template.yaml")));
        var other = FixtureSummary.Of(InputLoader.Load(Fixture(file)));

        var shared = reference.Keys.Intersect(other.Keys).ToList();
        Assert.That(shared, Has.Count.GreaterThanOrEqualTo(18), "most fixtures are in every format");
        foreach (var fixture in shared)
        {
            Assert.That(other[fixture], Is.EqualTo(reference[fixture]), $"{fixture} in {file}");
        }
    }

    [Test]
    public void Input_TemplateYaml_HasTheDocumentedFacts()
    {
        var facts = FixtureSummary.Of(InputLoader.Load(Fixture("template.yaml")));

        Assert.That(facts["bucket-cmk"], Is.EqualTo("AWS::S3::Bucket encrypted=True manager=Customer key=key-confidential"));
        Assert.That(facts["bucket-default"], Is.EqualTo("AWS::S3::Bucket encrypted=True manager=AwsOwned"));
        Assert.That(facts["bucket-awsmanaged"], Is.EqualTo("AWS::S3::Bucket encrypted=True manager=AwsManaged"));
        Assert.That(facts["volume-plain"], Is.EqualTo("AWS::EC2::Volume encrypted=False"));
        Assert.That(facts["db-encrypted"], Is.EqualTo("AWS::RDS::DBInstance encrypted=True manager=Customer key=key-norotation"));
        Assert.That(facts["table-owned"], Is.EqualTo("AWS::DynamoDB::Table encrypted=True manager=AwsOwned"));
        Assert.That(facts["secret-default"], Is.EqualTo("AWS::SecretsManager::Secret encrypted=True manager=AwsManaged"));
        Assert.That(facts["key-norotation"], Is.EqualTo("AWS::KMS::Key rotation=False keyManager=Customer"));
    }
}
