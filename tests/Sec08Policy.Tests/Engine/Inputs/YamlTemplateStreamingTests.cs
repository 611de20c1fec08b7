using System.Text;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Inputs.CloudFormation;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Engine.Inputs;

/// <summary>
/// A YAML template is read resource by resource from the parser's events; what it reads must be exactly what reading
/// the parsed tree gives, and a template it cannot stream must still be read in full.
/// </summary>
public class YamlTemplateStreamingTests
{
    [Test]
    public void Streamed_EquivalenceFixture_ReadsAsTheParsedTree()
    {
        var path = Path.Combine(RepoPaths.Cases, "inputs", "equivalence", "template.yaml");
        var text = File.ReadAllText(path);

        var streamed = YamlTemplateReader.TryRead(new StringReader(text), path) ?? throw new AssertionException("not streamed");

        Assert.That(ResourceDescription.Of(streamed), Is.EqualTo(ResourceDescription.Of(FromTree(text, path))));
        Assert.That(streamed, Has.Count.GreaterThan(15));
    }

    [Test]
    public void Load_SectionsAfterResources_AreStillResolved()
    {
        const string Text = """
            Resources:
              Volume:
                Type: AWS::EC2::Volume
                Condition: IsProd
                Properties:
                  Encrypted: !FindInMap [Settings, !Ref Stage, encrypted]
            Parameters:
              Stage: { Type: String, Default: prod }
            Mappings:
              Settings:
                prod: { encrypted: true }
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            """;

        Assert.That(YamlTemplateReader.TryRead(new StringReader(Text), "stack.yaml"), Is.Null, "streaming needs the sections first");
        var volume = InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(Text)), "stack.yaml").Resources.Single();

        Assert.That(volume.Encryption?.Enabled.Value, Is.True);
        Assert.That(volume.Position, Is.EqualTo(new SourcePosition("stack.yaml", 3, 5, "/Resources/Volume")));
    }

    [Test]
    public void Load_MalformedYamlInsideAResource_ReportsWhere()
    {
        var text = "Parameters: {}\nResources:\n  Data:\n    Type: AWS::S3::Bucket\n  Other:\n    Type: [AWS::S3::Bucket\n";

        var error = Assert.Throws<InputException>(() => InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)), "stack.yaml"));

        Assert.That(error!.Line, Is.GreaterThanOrEqualTo(6), error.Message);
        Assert.That(error.Message, Does.StartWith("malformed YAML"));
    }

    private static IReadOnlyList<Resource> FromTree(string text, string file) =>
        [.. CloudFormationAdapter.Read((MappingNode)YamlTreeReader.Parse(new StringReader(text), file))];
}
