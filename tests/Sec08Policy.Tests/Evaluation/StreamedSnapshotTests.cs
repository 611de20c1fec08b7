using System.Text.Json.Nodes;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Reporting;
using Sec08Policy.Engine.Serialization;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Evaluation;

/// <summary>
/// An AWS Config snapshot named alone is read twice instead of held: its reports must be byte for byte those of the
/// same snapshot evaluated in memory, a snapshot from a pipe must still be read (once, in memory), and a key the
/// snapshot does not hold leaves the data it protects Unknown.
/// </summary>
public class StreamedSnapshotTests
{
    private static readonly string[] s_streamed = ["json", "json-v1", "sarif", "text", "asff", "markdown", "junit"];

    /// <summary>The key a copied volume names that no item of the snapshot holds.</summary>
    private const string MissingKey = "arn:aws:kms:eu-west-1:111122223333:key/00000000-1111-2222-3333-444444444444";

    public static IEnumerable<TestCaseData> Formats() => s_streamed.Select(f => new TestCaseData(f).SetName("Streamed_" + f.Replace("-", "_", StringComparison.Ordinal)));

    [TestCaseSource(nameof(Formats))]
    public void SnapshotNamedAlone_ReportsAsTheSnapshotInAFolder(string format)
    {
        using var temp = new TempFolder();
        var snapshot = WriteSnapshot(temp.Combine("inputs", "snapshot.json"));

        var streamed = CliRunner.Invoke("eval", "--policy", "policies", "--input", snapshot, "--format", format);
        var held = CliRunner.Invoke("eval", "--policy", "policies", "--input", temp.Combine("inputs"), "--format", format);

        Assert.That(streamed.Error, Is.Empty);
        Assert.That(streamed.ExitCode, Is.EqualTo(1), "the snapshot has failures");
        Assert.That(streamed.ExitCode, Is.EqualTo(held.ExitCode));
        Assert.That(streamed.Out, Has.Length.GreaterThan(1000));
        Assert.That(streamed.Out, Is.EqualTo(held.Out));
    }

    [TestCase("text")]
    [TestCase("inventory")]
    public void Inspect_SnapshotNamedAlone_PrintsAsTheSnapshotInAFolder(string format)
    {
        // inspect reads a snapshot named alone twice instead of holding it, as eval does.
        using var temp = new TempFolder();
        var snapshot = WriteSnapshot(temp.Combine("inputs", "snapshot.json"));

        var streamed = CliRunner.Invoke("inspect", snapshot, "--format", format);
        var held = CliRunner.Invoke("inspect", temp.Combine("inputs"), "--format", format);

        Assert.That(streamed.Error, Is.Empty);
        Assert.That(streamed.ExitCode, Is.EqualTo(0));
        Assert.That(held.ExitCode, Is.EqualTo(0));
        Assert.That(streamed.Out, Has.Length.GreaterThan(1000));
        Assert.That(streamed.Out, Is.EqualTo(held.Out));
        if (format == "text")
        {
            Assert.That(streamed.Out, Does.StartWith($"{snapshot}: ConfigSnapshot, "));
        }
    }

    [TestCaseSource(nameof(Formats))]
    public void StreamedEvaluation_WritesTheReportOfTheEvaluationHeld(string format)
    {
        using var temp = new TempFolder();
        var snapshot = WriteSnapshot(temp.Combine("snapshot.json"));
        var policy = PolicySetJson.Read(Path.Combine(RepoPaths.Cases, "build", "baseline.expected", "rules.json"));
        var options = new EvaluationOptions(CliRunner.Today);
        var read = InputLoader.ConfigReader(snapshot, InputLoader.DefaultMaxSize);
        Assert.That(read, Is.Not.Null, "a Config snapshot is read item by item");

        var streamed = new StreamedEvaluation(policy, options, TwoPassInput.Scan(snapshot, read!));
        var held = new Evaluator(policy, options).Evaluate(InputLoader.Load(snapshot).Resources);

        var kind = format == "json-v1" ? ReportFormat.JsonV1 : Enum.Parse<ReportFormat>(format, ignoreCase: true);
        Assert.That(Reporter.Streams(kind), Is.True);
        StreamedReportAssert.SameAsHeld(streamed, held, kind);
    }

    [Test]
    public void KeyNotInTheSnapshot_LeavesTheVolumeUnknown()
    {
        using var temp = new TempFolder();
        var snapshot = WriteSnapshot(temp.Combine("snapshot.json"));

        var run = CliRunner.Invoke("eval", "--policy", "policies", "--input", snapshot, "--format", "json-v1");

        // The rules that need to know who manages the key, and whether it rotates.
        var verdicts = JsonNode.Parse(run.Out)!["findings"]!.AsArray()
            .Where(f => f!["resource"]!["id"]!.GetValue<string>().EndsWith("/vol-missing-key", StringComparison.Ordinal))
            .ToDictionary(f => f!["rule"]!.GetValue<string>(), f => f!["verdict"]!.GetValue<string>());
        Assert.That(verdicts.GetValueOrDefault("encryption_at_rest.2"), Is.EqualTo("unknown"));
        Assert.That(verdicts.GetValueOrDefault("data_key_rotation.2"), Is.EqualTo("unknown"));
    }

    [Test]
    public void SnapshotFromAPipe_IsReadInMemoryAndReportsTheSame()
    {
        using var temp = new TempFolder();
        var snapshot = WriteSnapshot(temp.Combine("snapshot.json"));
        var pipe = temp.Combine("pipe.json");
        SpecialFiles.MakeFifo(pipe);

        // Opened for writing before the command opens it (a pipe with no writer reads as empty); opening it for reading
        // too does not wait for a reader. The snapshot is larger than the pipe holds, so the command has opened the
        // pipe before the last bytes are written and the writer closes.
        var bytes = File.ReadAllBytes(snapshot);
        Assert.That(bytes, Has.Length.GreaterThan(1 << 17));
        var writer = new FileStream(pipe, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        var writing = Task.Run(() =>
        {
            using (writer)
            {
                writer.Write(bytes);
            }
        });

        var piped = SpecialFiles.Within(TimeSpan.FromSeconds(120), () => CliRunner.Invoke("eval", "--policy", "policies", "--input", pipe, "--format", "json"));
        Assert.That(writing.Wait(TimeSpan.FromSeconds(60)), Is.True, "the writer ends");
        var file = CliRunner.Invoke("eval", "--policy", "policies", "--input", snapshot, "--format", "json");

        Assert.That(piped.Error, Is.Empty);
        Assert.That(piped.ExitCode, Is.EqualTo(file.ExitCode));
        Assert.That(piped.Out.Replace(pipe, snapshot, StringComparison.Ordinal), Is.EqualTo(file.Out));
    }

    [Test]
    public void SeveralFormatsWithOneHeldInMemory_WriteWhatEachAloneWrites()
    {
        using var temp = new TempFolder();
        var snapshot = WriteSnapshot(temp.Combine("snapshot.json"));

        var run = CliRunner.Invoke("eval", "--policy", "policies", "--input", snapshot, "--format", "sarif", "-o", temp.Combine("r.sarif"), "--format", "junit", "-o", temp.Combine("r.xml"), "--format", "json");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Error);
        Assert.That(run.Out, Is.EqualTo(CliRunner.Invoke("eval", "--policy", "policies", "--input", snapshot, "--format", "json").Out));
        Assert.That(File.ReadAllText(temp.Combine("r.sarif")), Is.EqualTo(CliRunner.Invoke("eval", "--policy", "policies", "--input", snapshot, "--format", "sarif").Out));
        Assert.That(File.ReadAllText(temp.Combine("r.xml")), Is.EqualTo(CliRunner.Invoke("eval", "--policy", "policies", "--input", snapshot, "--format", "junit").Out));
    }

    [Test]
    public void MalformedSnapshotNamedAlone_IsAnInputErrorWithoutAReport()
    {
        using var temp = new TempFolder();
        var snapshot = temp.Combine("snapshot.json");
        var text = File.ReadAllText(WriteSnapshot(snapshot));
        File.WriteAllText(snapshot, text[..(text.Length / 2)]);

        var run = CliRunner.Invoke("eval", "--policy", "policies", "--input", snapshot, "--format", "json");
        var held = CliRunner.Invoke("eval", "--policy", "policies", "--input", temp.Path, "--format", "json");

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Out, Is.Empty);
        Assert.That(run.Error, Does.StartWith(snapshot + "(1,").And.Contain("): error: malformed JSON"));
        Assert.That(run.Error, Is.EqualTo(held.Error));
        Assert.That(held.ExitCode, Is.EqualTo(3));
    }

    [Test]
    public void ReplicaReadBeforeItsPrimary_CountsForThePrimaryAsWhenHeld()
    {
        // The primary does not list its replica: only the replica's own item, read first, says it is in eu-west-1.
        const string items = """
            [
              { "resourceType": "AWS::KMS::Key", "arn": "arn:aws:kms:eu-west-1:111122223333:key/mrk-1", "awsRegion": "eu-west-1",
                "configuration": { "keyManager": "CUSTOMER", "keyState": "Enabled", "multiRegion": true,
                  "multiRegionConfiguration": { "multiRegionKeyType": "REPLICA", "primaryKey": { "arn": "arn:aws:kms:us-east-1:111122223333:key/mrk-1", "region": "us-east-1" } } } },
              { "resourceType": "AWS::KMS::Key", "arn": "arn:aws:kms:us-east-1:111122223333:key/mrk-1", "awsRegion": "us-east-1",
                "configuration": { "keyManager": "CUSTOMER", "keyState": "Enabled", "multiRegion": true,
                  "multiRegionConfiguration": { "multiRegionKeyType": "PRIMARY", "primaryKey": { "arn": "arn:aws:kms:us-east-1:111122223333:key/mrk-1", "region": "us-east-1" } } } }
            ]
            """;
        using var temp = new TempFolder();
        var path = temp.Combine("items.json");
        File.WriteAllText(path, items);
        var policy = Compiler.Compilation.Create([Compiler.Syntax.SyntaxTree.Parse(TestPolicies.Prelude + "require replicas for kms {\n  key replicated to \"eu-west-1\"\n}\n", "p.sec08")], TestPolicies.Options).Lower()!;
        var options = new EvaluationOptions(CliRunner.Today);

        var streamed = new StreamedEvaluation(policy, options, TwoPassInput.Scan(path, InputLoader.ConfigReader(path, InputLoader.DefaultMaxSize)!));
        var held = new Evaluator(policy, options).Evaluate(InputLoader.Load(path).Resources);

        var primary = streamed.FindingsInOrder.Single(f => f.Resource.Id == "arn:aws:kms:us-east-1:111122223333:key/mrk-1");
        Assert.That(primary.Verdict, Is.EqualTo(Verdict.Pass), primary.Reason);
        Assert.That(StreamedReportAssert.Report(streamed, ReportFormat.Json), Is.EqualTo(StreamedReportAssert.Report(held, ReportFormat.Json)));
    }

    /// <summary>
    /// A snapshot made from the equivalence fixture: its data items copied 30 times under other IDs and
    /// classifications, a deleted item, a volume whose key is in no item, and the keys and aliases last, so that
    /// every reference to them is read before them.
    /// </summary>
    private static string WriteSnapshot(string path)
    {
        var fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Cases, "inputs", "equivalence", "config-snapshot.json")))!;
        var items = fixture["configurationItems"]!.AsArray().Select(i => i!).ToList();
        bool IsKey(JsonNode item) => item["resourceType"]!.GetValue<string>() is "AWS::KMS::Key" or "AWS::KMS::Alias";
        var levels = new[] { "public", "internal", "confidential", "restricted" };
        var output = new JsonArray();
        for (var round = 0; round < 30; round++)
        {
            foreach (var item in items.Where(i => !IsKey(i)))
            {
                var copy = item.DeepClone();
                var id = item["resourceId"]!.GetValue<string>();
                copy["resourceId"] = $"{id}-{round}";
                copy["arn"] = item["arn"]!.GetValue<string>().Replace(id, $"{id}-{round}", StringComparison.Ordinal);
                copy["tags"] = new JsonObject { ["DataClassification"] = levels[round % levels.Length] };
                output.Add(copy);
            }
        }

        var volume = items.First(i => i["resourceType"]!.GetValue<string>() == "AWS::EC2::Volume" && i["configuration"]!.GetValue<string>().Contains("\"kmsKeyId\":\"arn", StringComparison.Ordinal)).DeepClone();
        volume["arn"] = volume["arn"]!.GetValue<string>().Replace(volume["resourceId"]!.GetValue<string>(), "vol-missing-key", StringComparison.Ordinal);
        volume["resourceId"] = "vol-missing-key";
        var configuration = JsonNode.Parse(volume["configuration"]!.GetValue<string>())!;
        configuration["kmsKeyId"] = MissingKey;
        volume["configuration"] = configuration.ToJsonString();
        output.Add(volume);

        var deleted = output[0]!.DeepClone();
        deleted["resourceId"] = "deleted-item";
        deleted["configurationItemStatus"] = "ResourceDeleted";
        output.Add(deleted);

        foreach (var key in items.Where(IsKey))
        {
            output.Add(key.DeepClone());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, new JsonObject { ["fileVersion"] = "1.0", ["configurationItems"] = output }.ToJsonString() + "\n");
        return path;
    }
}
