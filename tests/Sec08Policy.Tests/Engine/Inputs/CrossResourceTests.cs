using System.Text;
using System.Text.Json.Nodes;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Resources;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Engine.Inputs;

public class CrossResourceTests
{
    private static InputFile Load(string json, string name) => InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), name);

    [Test]
    public void Resolve_KeyInAnotherFile_LinksTheDataToIt()
    {
        var items = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Cases, "inputs", "equivalence", "config-items.json")))!.AsArray();
        var keys = new JsonArray([.. items.Where(i => i!["resourceType"]!.GetValue<string>().StartsWith("AWS::KMS::", StringComparison.Ordinal)).Select(i => i!.DeepClone())]);
        var data = new JsonArray([.. items.Where(i => !i!["resourceType"]!.GetValue<string>().StartsWith("AWS::KMS::", StringComparison.Ordinal)).Select(i => i!.DeepClone())]);

        var alone = Load(data.ToJsonString(), "data.json").Resources;
        var together = InputSetResolver.Resolve([.. Load(keys.ToJsonString(), "keys.json").Resources, .. alone]);

        static Resource Bucket(IEnumerable<Resource> resources) => resources.Single(r => FixtureSummary.FixtureId(r) == "bucket-cmk");
        Assert.That(Bucket(alone).Encryption!.KeyManager.IsKnown, Is.False, "alone, the key is outside the inputs");
        Assert.That(Bucket(together).Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.Customer));
    }

    [Test]
    public void TerraformPlan_RegionComesFromTheProviderConfiguration()
    {
        var plan = InputLoader.Load(Path.Combine(RepoPaths.Root, "examples", "terraform", "plan.json"));

        Assert.That(plan.Resources.Single(r => r.Id == "aws_s3_bucket.ledger").Region.Value, Is.EqualTo("eu-west-1"));
    }

    [TestCase("""{ "Fn::If": ["Encrypt", "alias/acme/topics", { "Ref": "AWS::NoValue" }] }""", false)]
    [TestCase("""{ "Fn::ImportValue": "SharedTopicKey" }""", true)]
    public void CloudFormation_UndecidableKeyProperty_LeavesEncryptionUnknownOnlyWhenItMayBeAbsent(string key, bool encryptedKnown)
    {
        var template = $$"""
            {
              "Parameters": { "Mode": { "Type": "String" } },
              "Conditions": { "Encrypt": { "Fn::Equals": [{ "Ref": "Mode" }, "secure"] } },
              "Resources": { "Topic": { "Type": "AWS::SNS::Topic", "Properties": { "KmsMasterKeyId": {{key}} } } }
            }
            """;

        var topic = Load(template, "t.json").Resources.Single();

        Assert.That(topic.Encryption!.Enabled.IsKnown, Is.EqualTo(encryptedKnown));
        Assert.That(topic.Encryption.KeyReference.IsKnown, Is.False);
    }

    [Test]
    public void CloudFormation_UndecidableQueueKey_IsStillEncryptedByAnUnknownKey()
    {
        const string template = """
            {
              "Parameters": { "Mode": { "Type": "String" } },
              "Conditions": { "Encrypt": { "Fn::Equals": [{ "Ref": "Mode" }, "secure"] } },
              "Resources": { "Queue": { "Type": "AWS::SQS::Queue", "Properties": { "KmsMasterKeyId": { "Fn::If": ["Encrypt", "alias/acme/q", { "Ref": "AWS::NoValue" }] } } } }
            }
            """;

        var queue = Load(template, "q.json").Resources.Single();

        Assert.That(queue.Encryption!.Enabled.Value, Is.True, "SQS encrypts with SSE-SQS without a key");
        Assert.That(queue.Encryption.KeyManager.IsKnown, Is.False);
    }
}
