using System.Globalization;
using System.Text;
using CsCheck;
using Sec08Policy.Engine.Files;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Engine.Inputs;

/// <summary>
/// The fast reader for plain block YAML must build exactly the tree YamlDotNet's events give (values, types, tags,
/// positions), or leave the document to YamlDotNet; it must never accept what YamlDotNet rejects.
/// </summary>
public class PlainYamlReaderTests
{
    public static IEnumerable<TestCaseData> RepositoryTemplates() =>
        new[] { Path.Combine(RepoPaths.Root, "examples"), RepoPaths.Cases }
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories))
            .Where(path => !path.Contains("malformed", StringComparison.Ordinal))
            // Conformance packs hold Guard policies as literal blocks with more-indented lines, which the fast reader
            // leaves to YamlDotNet by design; they are build outputs, not templates sec08 reads.
            .Where(path => Path.GetFileName(path) != "conformance-pack.yaml")
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(path).SetName("PlainYaml_" + Path.GetRelativePath(RepoPaths.Root, path).Replace('/', '_')));

    [TestCaseSource(nameof(RepositoryTemplates))]
    public void Read_RepositoryTemplate_IsTheTreeYamlDotNetGives(string path)
    {
        var text = File.ReadAllText(path);

        Assert.That(Plain(text), Is.EqualTo(Reference(text)));
    }

    [Test]
    public void Read_EveryConstructItTakes_IsTheTreeYamlDotNetGives()
    {
        const string Text = """
            ---
            # a comment before the root
            AWSTemplateFormatVersion: "2010-09-09"
            Description: >-
              folded over
              two lines

              and a paragraph
            Parameters:
              Stage: { Type: String, Default: 'it''s prod', AllowedValues: [dev, "prod", 3, -1.5e3, true, null, ~] }
            Resources:
              Bucket:   # trailing comment
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${Stage}-data\t\u00e9\x41"
                  Tags:
                  - Key: DataClassification
                    Value: confidential
                  -   Key: 'team'
                      Value: !Ref Stage
                  Code: |
                    line one: with a colon

                    after an empty line
                  Code2: |-
                    stripped
                  Nested:
                    - !If
                      - IsProd
                      - [a, [b, c], {k: v}]
                      - !Ref AWS::NoValue
                    -
                      Key: value
                  Policy: {Version: 2012-10-17, Statement: []}
                  Arn: arn:aws:s3:::bucket/*
                  Unicode: "√ unicode ✓" # comment
                  Plain: a, b [c] {d}
            """;

        var plain = Plain(Text);

        Assert.That(plain, Is.EqualTo(Reference(Text)));
        Assert.That(plain, Does.Contain("\"folded over two lines\\nand a paragraph\""));
    }

    [Test]
    public void Read_CrLfLineEnds_AreTheTreeYamlDotNetGives()
    {
        const string Text = "Resources:\r\n  Data:  # note\r\n    Type: AWS::S3::Bucket\r\n    Properties:\r\n      Code: |\r\n        a\r\n\r\n        b\r\n      Tags: [x, 'y']\r\n";

        Assert.That(Plain(Text), Is.EqualTo(Reference(Text)));
    }

    [TestCase("Key: value\n  continued on the next line\n", TestName = "Unsupported_MultiLinePlainScalar")]
    [TestCase("Key: \"quoted\n  over lines\"\n", TestName = "Unsupported_MultiLineQuoted")]
    [TestCase("Key: &anchor value\nOther: *anchor\n", TestName = "Unsupported_AnchorAndAlias")]
    [TestCase("Key:\n\tTabbed: value\n", TestName = "Unsupported_Tab")]
    [TestCase("%YAML 1.2\n---\nKey: value\n", TestName = "Unsupported_Directive")]
    [TestCase("? complex\n: key\n", TestName = "Unsupported_ComplexKey")]
    [TestCase("Key: [a,\n  b]\n", TestName = "Unsupported_MultiLineFlow")]
    [TestCase("Key:\nOther: value\n", TestName = "Unsupported_EmptyValue")]
    [TestCase("Key: |+\n  kept\n\n", TestName = "Unsupported_KeepChomping")]
    [TestCase("Key: value: more\n", TestName = "Unsupported_ColonInPlain")]
    [TestCase("Key: [a: b]\n", TestName = "Unsupported_PairInFlowSequence")]
    [TestCase("Key: value\n  Bad: indentation\n", TestName = "Unsupported_BadIndentation")]
    [TestCase("Key: 'unterminated\n", TestName = "Unsupported_Unterminated")]
    [TestCase("- a\n- b\n", TestName = "Unsupported_SequenceRoot")]
    [TestCase("Key: a\rOther: b\n", TestName = "Unsupported_CarriageReturnAlone")]
    [TestCase("Key: a\u2028b\n", TestName = "Unsupported_UnicodeLineSeparator")]
    [TestCase("Key: a\u0001\n", TestName = "Unsupported_ControlCharacter")]
    [TestCase("--- a: b\n", TestName = "Unsupported_ContentOnTheDocumentMarker")]
    [TestCase("Key: a\n---\nOther: b\n", TestName = "Unsupported_SecondDocument")]
    [TestCase("Key: >\n  folded  \n  text\n", TestName = "Unsupported_TrailingSpacesInFolded")]
    public void Read_YamlBeyondThePlainSubset_IsLeftToYamlDotNet(string text)
    {
        Assert.Throws<PlainYamlUnsupportedException>(() => Plain(text));
    }

    [Test]
    public void Load_TemplateBeyondThePlainSubset_IsStillRead()
    {
        const string Text = "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: &name shared\n";

        var resource = InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(Text)), "stack.yaml").Resources.Single();

        Assert.That(resource.Arn.Value, Is.EqualTo("arn:aws:s3:::shared"));
    }

    [Test]
    public void Read_GeneratedDocuments_AreTheTreeYamlDotNetGivesOrLeftToIt()
    {
        var taken = 0;
        Gen.Int[0, int.MaxValue].Sample(
            seed =>
            {
                var text = YamlTextGenerator.Generate(new Random(seed));
                string plain;
                try
                {
                    plain = Plain(text);
                }
                catch (PlainYamlUnsupportedException)
                {
                    return true;
                }

                taken++;
                string reference;
                try
                {
                    reference = Reference(text);
                }
                catch (InputException e)
                {
                    throw new AssertionException($"the fast reader took a document YamlDotNet rejects ({e.Message}):\n{text}");
                }

                return plain == reference
                    ? true
                    : throw new AssertionException($"trees differ for:\n{text}\n--- fast\n{plain}\n--- YamlDotNet\n{reference}");
            },
            iter: 3000);

        Assert.That(taken, Is.GreaterThan(300), "a fair share of the generated documents are plain block YAML");
    }

    /// <summary>The whole document as the fast reader reads it, printed.</summary>
    private static string Plain(string text)
    {
        using var bytes = NativeBytes.Copy(Encoding.UTF8.GetBytes(text));
        var reader = PlainYamlReader.Open(bytes, 0, "t.yaml");
        var entries = new List<KeyValuePair<string, InputNode>>();
        while (reader.NextKey(out var key))
        {
            entries.Add(new(key!, reader.ReadValue("/" + JsonTreeReader.Escape(key!), 1)));
        }

        return Print(new MappingNode([.. entries], reader.RootPosition));
    }

    private static string Reference(string text) => Print(YamlTreeReader.Parse(new StringReader(text), "t.yaml"));

    private static string Print(InputNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, InputNode node, int depth)
    {
        var at = node.Position;
        builder.Append(' ', depth * 2).Append(CultureInfo.InvariantCulture, $"{at.Line}:{at.Column} {at.Pointer} {node.Tag} ");
        switch (node)
        {
            case ScalarNode scalar:
                builder.Append(CultureInfo.InvariantCulture, $"{scalar.Kind} {System.Text.Json.JsonSerializer.Serialize(scalar.Text)}\n");
                break;
            case SequenceNode sequence:
                builder.Append("sequence\n");
                foreach (var item in sequence.Items)
                {
                    Write(builder, item, depth + 1);
                }

                break;
            case MappingNode mapping:
                builder.Append("mapping\n");
                foreach (var (key, value) in mapping.Entries)
                {
                    builder.Append(' ', depth * 2 + 1).Append(System.Text.Json.JsonSerializer.Serialize(key)).Append('\n');
                    Write(builder, value, depth + 1);
                }

                break;
        }
    }
}
