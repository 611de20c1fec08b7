using System.IO.Compression;
using System.Text;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Engine.Inputs;

/// <summary>
/// Inputs built to hurt: nesting past any real document, special files, compressed bombs, long white space, broken
/// text. Each ends in an input error with its position, quickly and in bounded memory, never a crash or a hang.
/// </summary>
public class HostileInputTests
{
    private static InputException Refused(string text, string name = "hostile.yaml", long maxSize = InputLoader.DefaultMaxSize) =>
        Refused(Encoding.UTF8.GetBytes(text), name, maxSize);

    private static InputException Refused(byte[] bytes, string name, long maxSize = InputLoader.DefaultMaxSize) =>
        Assert.Throws<InputException>(() => InputLoader.Load(new MemoryStream(bytes), name, maxSize))!;

    public static IEnumerable<TestCaseData> DeepYaml()
    {
        const int deep = 20_000;
        var block = new StringBuilder("Resources:\n");
        for (var i = 0; i < 5_000; i++)
        {
            block.Append(' ', i + 1).Append('k').Append(i).Append(":\n");
        }

        block.Append(' ', 5_001).Append("v: 1\n");
        yield return new TestCaseData(block.ToString(), 513, 513).SetName("BlockMapping (fast reader)");
        yield return new TestCaseData("%YAML 1.2\n---\n" + block, 515, 513).SetName("BlockMapping (YamlDotNet)");
        yield return new TestCaseData("Resources:\n  X:\n    Properties: " + new string('[', deep) + new string(']', deep) + "\n", 3, 526).SetName("FlowSequence (fast reader)");
        yield return new TestCaseData("Resources:\n  X:\n    Properties: " + string.Concat(Enumerable.Repeat("{a: ", deep)) + "1" + new string('}', deep) + "\n", 3, 2053).SetName("FlowMapping (fast reader)");
        yield return new TestCaseData("%YAML 1.2\n---\nResources: " + new string('[', deep) + new string(']', deep) + "\n", 3, 523).SetName("FlowSequence (YamlDotNet)");
        yield return new TestCaseData(string.Concat(Enumerable.Repeat("- ", deep)) + "a\n", 1, 1025).SetName("BlockSequence");
    }

    [TestCaseSource(nameof(DeepYaml))]
    public void Yaml_NestedPastTheLimit_IsAnInputErrorWithItsPosition(string yaml, int line, int column)
    {
        var error = Refused(yaml);

        Assert.That(error.Message, Is.EqualTo("malformed YAML: the document nests more than 512 levels deep"));
        Assert.That((error.Line, error.Column), Is.EqualTo((line, column)));
    }

    [Test]
    public void Yaml_NestedJustWithinTheLimit_IsRead()
    {
        var value = new string('[', 500) + "1" + new string(']', 500);

        var file = InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes($"Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: {value}\n")), "ok.yaml");

        Assert.That(file.Resources, Has.Length.EqualTo(1));
    }

    [Test]
    public void GzipBomb_StopsAtTheSizeLimit()
    {
        var bomb = Gzip("{\"Resources\":{\"A\":{\"Type\":\"AWS::S3::Bucket\",\"Properties\":{\"X\":\"", 64, "\"}}}}");

        var error = Refused(bomb, "bomb.json.gz", maxSize: 16_000_000);

        Assert.That(error.Message, Is.EqualTo("the input is too large: it holds more than 16,000,000 bytes, the limit for one file (set by `--max-input-size`)"));
    }

    [TestCase("{\"configurationItems\":[", "")]
    [TestCase("{\"configurationItems\":", "[]}")]
    public void ConfigSnapshotOfWhiteSpace_StreamsToTheSizeLimit(string head, string tail)
    {
        var error = Refused(Gzip(head, 64, tail), "snapshot.json.gz", maxSize: 16_000_000);

        Assert.That(error.Message, Does.StartWith("the input is too large"));
    }

    [Test]
    public void ConfigSnapshot_AfterLongWhiteSpace_IsReadWithTheRightLines()
    {
        var item = "{\"resourceType\":\"AWS::S3::Bucket\",\"arn\":\"arn:aws:s3:::b\",\"awsRegion\":\"eu-west-1\",\"configuration\":{}}";
        var text = "{\"configurationItems\":\n" + new string(' ', 3 << 20) + "\n[\n" + string.Concat(Enumerable.Repeat(" \n", 1 << 20)) + item + "]}";

        var file = InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)), "snapshot.json");

        Assert.That(file.Resources.Single().Position.Line, Is.EqualTo(4 + (1 << 20)));
    }

    [TestCase(65_535)]
    [TestCase(65_536)]
    [TestCase(1 << 20)]
    public void Plan_AfterLeadingWhiteSpaceOfAnyLength_IsRead(int spaces)
    {
        var plan = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "examples", "terraform", "plan.json"));

        var file = InputLoader.Load(new MemoryStream([.. Encoding.ASCII.GetBytes(new string(' ', spaces)), .. plan]), "plan.json");

        Assert.That(file.Kind, Is.EqualTo(InputKind.TerraformPlan));
        Assert.That(file.Resources, Is.Not.Empty);
    }

    [Test]
    public void ConfigurationStringWithInvalidUtf8_IsAnInputErrorAtTheByte()
    {
        var bytes = Encoding.UTF8.GetBytes("[{\"resourceType\":\"AWS::S3::Bucket\",\n \"arn\":\"arn:aws:s3:::b\",\n \"configuration\":\"{\\\"x\\\":\\\"?\\\"}\"}]");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFF;

        var error = Refused(bytes, "items.json");

        Assert.That(error.Message, Is.EqualTo("the file is not valid UTF-8: invalid byte 0xFF (convert it to UTF-8 first)"));
        Assert.That((error.Line, error.Column), Is.EqualTo((3, 28)));
    }

    [TestCase("{\"Resources\":{\"B\":{\"Type\":\"AWS::S3::Bucket\",\"Properties\":{\"BucketName\":\"a\\ud800b\"}}}}", 1, 72)]
    [TestCase("{\"Resources\":{\"B\\udc00\":{\"Type\":\"AWS::S3::Bucket\"}}}", 1, 15)]
    [TestCase("{\"AWSTemplateFormatVersion\\ud800\":\"x\"}", 1, 2)]
    public void StringEscapingHalfASurrogatePair_IsMalformedJsonAtTheString(string json, int line, int column)
    {
        var error = Refused(json, "t.json");

        Assert.That(error.Message, Does.StartWith("malformed JSON: a string escapes half of a surrogate pair"));
        Assert.That((error.Line, error.Column), Is.EqualTo((line, column)));
    }

    [Test]
    public void BinaryFile_EndsAtItsFirstNulByte()
    {
        var error = Refused(new byte[1 << 20], "zeros.json");

        Assert.That(error.Message, Does.StartWith("the file holds a NUL byte"));
        Assert.That((error.Line, error.Column), Is.EqualTo((1, 1)));
    }

    private static byte[] Gzip(string head, int megabytesOfSpaces, string tail)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(head));
            var spaces = Encoding.ASCII.GetBytes(new string(' ', 1 << 20));
            for (var i = 0; i < megabytesOfSpaces; i++)
            {
                gzip.Write(spaces);
            }

            gzip.Write(Encoding.UTF8.GetBytes(tail));
        }

        return compressed.ToArray();
    }
}
