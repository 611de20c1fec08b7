using System.IO.Compression;
using System.Text.Json;
using CsCheck;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Fuzzing;

/// <summary>
/// Hostile edits of every example and test input (CloudFormation, Terraform, Config, inventories, gzipped or not),
/// through inspect and eval in every report format: no exception escapes, a file that cannot be read is an input
/// error with its position (exit 3), and reports are whole when written.
/// </summary>
[NonParallelizable]
public class InputFuzzTests
{
    private static readonly Lazy<string> s_rules = new(() =>
    {
        // One build of the baseline for every case: eval reads its rules.json instead of compiling each time.
        var folder = Path.Combine(Path.GetTempPath(), "sec08-fuzz-rules-" + Guid.NewGuid().ToString("N"));
        var build = CliRunner.Invoke("build", "policies", "-o", folder);
        Assert.That(build.ExitCode, Is.Zero, build.Out);
        return Path.Combine(folder, "rules.json");
    });

    [OneTimeTearDown]
    public void DeleteRules()
    {
        if (s_rules.IsValueCreated && Path.GetDirectoryName(s_rules.Value) is { } folder && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Fuzz_EditedInputs_ThroughInspectAndEval()
    {
        var inputs = FuzzCorpus.Inputs;
        if (FuzzCorpus.SharedCorpus is null)
        {
            TestContext.Out.WriteLine("the shared corpus (../shared/corpus) is absent: only the repository's inputs are used");
        }

        var gen =
            from i in Gen.Int[0, inputs.Count - 1]
            from o in Gen.Int[0, inputs.Count - 1]
            from edits in Gen.Int[1, 3]
            from seed in Gen.Int
            select Mutate(inputs[i], inputs[o], edits, seed);
        FuzzRun.Check(nameof(Fuzz_EditedInputs_ThroughInspectAndEval), gen, 300, Exercise, m => m.Description);
    }

    private static InputMutant Mutate(string file, string other, int edits, int seed)
    {
        var random = new Random(seed);
        var name = Path.GetFileName(file);
        var bytes = File.ReadAllBytes(file);
        var gzipped = name.EndsWith(".gz", StringComparison.Ordinal);

        // Gzipped inputs are mostly edited inside the compression, so the reader sees more than a bad header.
        var inside = gzipped && random.Next(4) != 0;
        var (mutant, description) = Mutations.Apply(inside ? Gunzip(bytes) : bytes, File.ReadAllBytes(other), random, edits);
        return new InputMutant(name, inside ? Gzip(mutant) : mutant, $"{Path.GetRelativePath(RepoPaths.Root, file)} with {description}{(inside ? " inside the gzip" : string.Empty)}");
    }

    private static void Exercise(InputMutant mutant)
    {
        using var folder = new TempFolder();
        var input = folder.Combine(mutant.Name);
        File.WriteAllBytes(input, mutant.Bytes);
        var before = FolderSnapshot.Of(folder.Path);

        Invariants.Hold(CliRunner.InvokeIn(folder.Path, "inspect", mutant.Name), "inspect", 0, 3);
        Invariants.Hold(CliRunner.InvokeIn(folder.Path, "inspect", mutant.Name, "--format", "inventory"), "inspect --format inventory", 0, 3);
        Invariants.Untouched(before, folder.Path, "inspect");

        string[] formats = ["text", "json", "sarif", "junit", "markdown", "html", "asff", "json-v1"];
        var eval = CliRunner.InvokeIn(folder.Path, ["eval", "--rules", s_rules.Value, .. PolicyFuzzTests.AsffPlace, "--input", mutant.Name, "--input", Path.Combine(RepoPaths.Root, "examples", "terraform"), .. formats.SelectMany(f => new[] { "--format", f, "-o", "report." + f })]);
        Invariants.Hold(eval, "eval", 0, 1, 3);
        Invariants.Untouched(before, folder.Path, "eval", [.. formats.Select(f => "report." + f)]);
        foreach (var format in new[] { "json", "sarif", "asff", "json-v1" })
        {
            // One bad input among good ones is reported beside them: the report is written, and whole.
            var report = folder.Combine("report." + format);
            Assert.That(File.Exists(report), Is.True, $"eval wrote no {format} report\n{eval.Error}");
            Assert.DoesNotThrow(() => JsonDocument.Parse(File.ReadAllText(report)).Dispose(), $"the {format} report is not whole JSON");
        }
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private sealed record InputMutant(string Name, byte[] Bytes, string Description);
}
