using System.IO.Compression;
using System.Text;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Tests.Engine.Inputs;

public class ConfigStreamTests
{
    /// <summary>A snapshot several times larger than the reader's window, one item per few lines.</summary>
    private static string Snapshot(int items)
    {
        var builder = new StringBuilder("{\n  \"fileVersion\": \"1.0\",\n  \"configSnapshotId\": \"abc\",\n  \"configurationItems\": [\n");
        for (var i = 0; i < items; i++)
        {
            var configuration = $"{{\\\"volumeId\\\":\\\"vol-{i:x8}\\\",\\\"encrypted\\\":{(i % 3 == 0 ? "false" : "true")},\\\"kmsKeyId\\\":\\\"arn:aws:kms:eu-west-1:111122223333:key/k{i % 7}\\\"}}";
            builder.Append("    {\n")
                .Append("      \"resourceType\": \"AWS::EC2::Volume\",\n")
                .Append($"      \"arn\": \"arn:aws:ec2:eu-west-1:111122223333:volume/vol-{i:x8}\",\n")
                .Append("      \"awsRegion\": \"eu-west-1\",\n")
                .Append($"      \"tags\": {{\"DataClassification\": \"internal\", \"padding\": \"{new string('p', 200)}\"}},\n")
                .Append($"      \"configuration\": \"{configuration}\"\n")
                .Append(i == items - 1 ? "    }\n" : "    },\n");
        }

        return builder.Append("  ]\n}\n").ToString();
    }

    [Test]
    public void Load_SnapshotLargerThanTheWindow_ReadsEveryItemWithItsLine()
    {
        const int items = 12_000; // about 4 MB, four times the first window
        var bytes = Encoding.UTF8.GetBytes(Snapshot(items));
        Assert.That(bytes.Length, Is.GreaterThan(3 << 20));

        var file = InputLoader.Load(new MemoryStream(bytes), "big.json");

        Assert.That(file.Kind, Is.EqualTo(InputKind.ConfigSnapshot));
        Assert.That(file.Resources, Has.Length.EqualTo(items));
        var last = file.Resources[^1];
        Assert.That(last.Id, Is.EqualTo($"arn:aws:ec2:eu-west-1:111122223333:volume/vol-{items - 1:x8}"));
        Assert.That(last.Position.Line, Is.EqualTo(5 + ((items - 1) * 7)));
        Assert.That(last.Position.Pointer, Is.EqualTo($"/configurationItems/{items - 1}"));
        Assert.That(file.Resources.Count(r => r.Encryption!.Enabled is { IsKnown: true, Value: false }), Is.EqualTo((items + 2) / 3));
    }

    [Test]
    public void Load_GzippedSnapshot_IsDecompressedAndStreamed()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Snapshot(50)));
        }

        compressed.Position = 0;
        var file = InputLoader.Load(compressed, "snapshot.json.gz");

        Assert.That(file.Resources, Has.Length.EqualTo(50));
        Assert.That(file.Resources[1].Encryption!.KeyReference.Value, Is.EqualTo("arn:aws:kms:eu-west-1:111122223333:key/k1"));
    }

    [Test]
    public void Load_SnapshotCutInsideAnItem_ReportsWhereItStops()
    {
        var text = Snapshot(100);
        var bytes = Encoding.UTF8.GetBytes(text[..(text.Length / 2)]);

        var error = Assert.Throws<InputException>(() => InputLoader.Load(new MemoryStream(bytes), "cut.json"))!;

        Assert.That(error.Message, Does.StartWith("malformed JSON").Or.Contain("ends in the middle of a configuration item"));
        Assert.That(error.Line, Is.InRange(300, 360), $"the line where the file was cut, not {error.Line}");
    }

    [Test]
    public void Load_SameInputTwice_GivesTheSameResources()
    {
        var bytes = Encoding.UTF8.GetBytes(Snapshot(30));

        var first = Sec08Policy.Engine.Inputs.Inventory.InventoryWriter.ToJson(InputLoader.Load(new MemoryStream(bytes), "a.json").Resources);
        var second = Sec08Policy.Engine.Inputs.Inventory.InventoryWriter.ToJson(InputLoader.Load(new MemoryStream(bytes), "a.json").Resources);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Does.Contain("\"keyManager\": {"), "keys outside the inputs leave the manager unknown");
        _ = KeyManager.Customer;
    }

    [Test]
    public void Load_SnapshotAfterBlankLinesAndByteOrderMark_CountsLinesFromTheFileStart()
    {
        var plain = InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(Snapshot(3))), "a.json");
        var bytes = Encoding.UTF8.GetBytes("\uFEFF\n\n" + Snapshot(3));

        var shifted = InputLoader.Load(new MemoryStream(bytes), "b.json");

        Assert.That(shifted.Resources.Select(r => r.Position.Line), Is.EqualTo(plain.Resources.Select(r => r.Position.Line + 2)));
    }
}
