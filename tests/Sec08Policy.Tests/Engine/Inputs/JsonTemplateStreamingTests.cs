using System.Text;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Inputs.CloudFormation;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Engine.Inputs;

/// <summary>
/// A JSON template is read resource by resource without the whole document's tree; what it reads must be exactly what
/// reading the parsed tree gives, facts and positions alike.
/// </summary>
public class JsonTemplateStreamingTests
{
    private const string File = "stack.json";

    /// <summary>
    /// Sections after Resources, a comment, an escaped and a slashed logical ID, references between resources,
    /// conditions, mappings and parameters; the last section named twice (a parsed tree reads the first).
    /// </summary>
    private const string Unordered = """
        {
          "Resources": {
            "Key": { "Type": "AWS::KMS::Key", "Properties": { "EnableKeyRotation": { "Fn::If": ["IsProd", true, false] } } },
            /* a comment, which the reader skips */
            "Bucket\u0041": {
              "Type": "AWS::S3::Bucket",
              "Properties": {
                "BucketName": { "Fn::FindInMap": ["Names", { "Ref": "Stage" }, "bucket"] },
                "BucketEncryption": { "ServerSideEncryptionConfiguration": [
                  { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": { "Ref": "Key" } } } ] },
                "Tags": [ { "Key": "DataClassification", "Value": "confidential" } ]
              }
            },
            "a/b~c": { "Type": "AWS::EC2::Volume", "Condition": "IsProd", "Properties": { "Encrypted": false, "Size": 1 } },
            "Skipped": { "Type": "AWS::EC2::Volume", "Condition": "IsDev", "Properties": { "Encrypted": false } },
            "Queue": { "Type": "AWS::SQS::Queue", "Properties": { "KmsMasterKeyId": { "Ref": "LateKey" } } },
            "Topic": { "Type": "AWS::SNS::Topic", "Properties": { "KmsMasterKeyId": { "Ref": "Nowhere" } } },
            "LateKey": { "Type": "AWS::KMS::Key" }
          },
          "Parameters": { "Stage": { "Type": "String", "Default": "prod" } },
          "Mappings": { "Names": { "prod": { "bucket": "data-prod" } } },
          "Conditions": {
            "IsProd": { "Fn::Equals": [ { "Ref": "Stage" }, "prod" ] },
            "IsDev": { "Fn::Equals": [ { "Ref": "Stage" }, "dev" ] }
          },
          "Mappings": { "Names": { "prod": { "bucket": "ignored" } } }
        }
        """;

    [Test]
    public void Streamed_EquivalenceFixture_ReadsAsTheParsedTree()
    {
        var path = Path.Combine(RepoPaths.Cases, "inputs", "equivalence", "template.json");
        var bytes = System.IO.File.ReadAllBytes(path);

        Assert.That(ResourceDescription.Of(Streamed(bytes, path)), Is.EqualTo(ResourceDescription.Of(FromTree(bytes, path))));
    }

    [Test]
    public void Streamed_SectionsAfterResources_ReadAsTheParsedTree()
    {
        var bytes = Encoding.UTF8.GetBytes(Unordered);

        var streamed = Streamed(bytes, File);

        Assert.That(ResourceDescription.Of(streamed), Is.EqualTo(ResourceDescription.Of(FromTree(bytes, File))));
        Assert.That(streamed.Select(r => r.Id), Is.EqualTo(new[] { "Key", "BucketA", "a/b~c", "Queue", "Topic", "LateKey" }), "the resource whose condition is false is not created");
        var bucket = streamed.Single(r => r.Id == "BucketA");
        Assert.That(bucket.Arn.Value, Is.EqualTo("arn:aws:s3:::data-prod"), "the first `Mappings` is the one read");
        Assert.That(bucket.Encryption?.KeyReference.Value, Is.EqualTo("Key"));
        Assert.That(bucket.Position, Is.EqualTo(new SourcePosition(File, 5, 21, "/Resources/BucketA")));
        Assert.That(streamed.Single(r => r.Id == "a/b~c").Position.Pointer, Is.EqualTo("/Resources/a~1b~0c"));
        Assert.That(streamed.Single(r => r.Id == "Key").Key?.RotationEnabled.Value, Is.True);
        var queue = streamed.Single(r => r.Id == "Queue").Encryption;
        Assert.That((queue?.KeyReference.Value, queue?.ResolvedKey), Is.EqualTo(("LateKey", "LateKey")), "a key declared further down is still a key of the template");
        Assert.That(streamed.Single(r => r.Id == "Topic").Encryption?.KeyReference.UnknownReason, Does.Contain("`Nowhere`"));
    }

    [Test]
    public void Load_JsonTemplateWithAResourceDeclaredTwice_ReportsTheSecond()
    {
        var bytes = Encoding.UTF8.GetBytes("""
            {
              "Resources": {
                "Data": { "Type": "AWS::S3::Bucket" },
                "Data": { "Type": "AWS::EC2::Volume" }
              }
            }
            """);

        var error = Assert.Throws<InputException>(() => InputLoader.Load(new MemoryStream(bytes), File));

        Assert.That((error!.Line, error.Column, error.Message), Is.EqualTo((4, 13, "resource `Data` is declared twice")));
    }

    [Test]
    public void Load_YamlTemplateWithAResourceDeclaredTwice_ReportsIt()
    {
        var bytes = Encoding.UTF8.GetBytes("Resources:\n  Data:\n    Type: AWS::S3::Bucket\n  Data:\n    Type: AWS::EC2::Volume\n");

        var error = Assert.Throws<InputException>(() => InputLoader.Load(new MemoryStream(bytes), "stack.yaml"));

        Assert.That(error!.Line, Is.EqualTo(4).Or.EqualTo(5), error.Message);
    }

    [TestCase("{ \"Resources\": { \"A\": { \"Type\": \"AWS::S3::Bucket\" } } } }", 1, 57)]
    [TestCase("{ \"Resources\": { \"A\": { \"Type\": \"AWS::S3::Bucket\", } } }", 1, 52)]
    [TestCase("{ \"Resources\": {\n  \"A\": { \"Type\": \"AWS::S3::Bucket\" },\n  \"B\": { \"Type\": [1, } } }", 3, 22)]
    public void Load_MalformedJsonTemplate_ReportsWhere(string json, int line, int column)
    {
        var error = Assert.Throws<InputException>(() => InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), File));

        Assert.That((error!.Line, error.Column), Is.EqualTo((line, column)), error.Message);
        Assert.That(error.Message, Does.StartWith("malformed JSON"));
    }

    private static List<Resource> Streamed(byte[] bytes, string file) =>
        [.. JsonTemplateReader.TryRead(bytes, file) ?? throw new AssertionException("not read as a template")];

    private static List<Resource> FromTree(byte[] bytes, string file) =>
        [.. CloudFormationAdapter.Read((MappingNode)JsonTreeReader.Parse(bytes, file))];
}
