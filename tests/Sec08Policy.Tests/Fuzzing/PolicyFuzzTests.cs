using System.Text.Json;
using System.Xml.Linq;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Fuzzing;

/// <summary>
/// Hostile edits of the shipped policies, packs and cases, run through check, build, eval (every report format),
/// test, authorize and fmt in process: no exception escapes, a bad policy gets a positioned diagnostic and a non-zero
/// exit, a failed command leaves no output behind, and nothing but the named output changes. When an edited set still
/// parses, fmt must not change what it builds.
/// </summary>
[NonParallelizable]
public class PolicyFuzzTests
{
    private static readonly (string Format, string File)[] Reports =
    [
        ("text", "report.txt"), ("json", "report.json"), ("json-v1", "report-v1.json"), ("sarif", "report.sarif"),
        ("junit", "report.xml"), ("markdown", "report.md"), ("html", "report.html"), ("asff", "report.asff.json"),
    ];

    /// <summary>ASFF findings need an account and a Region where the input (a template, a plan) names none.</summary>
    internal static readonly string[] AsffPlace = ["--asff-account", "111122223333", "--asff-region", "eu-west-1"];

    [Test]
    public void Fuzz_EditedPolicies_ThroughEveryCommand() =>
        FuzzRun.Check(nameof(Fuzz_EditedPolicies_ThroughEveryCommand), PolicyMutant.Hostile(FuzzCorpus.PolicySets), 150, Exercise, m => m.ToString());

    internal static void Exercise(PolicyMutant mutant)
    {
        using var workspace = new PolicyWorkspace(mutant.Set);
        workspace.Write(mutant.File, mutant.Bytes);
        var before = FolderSnapshot.Of(workspace.Root);

        var check = workspace.Run("check", "policy");
        Invariants.Hold(check, "check", 0, 2, 3);
        Invariants.Untouched(before, workspace.Root, "check");

        var build = workspace.Run("build", "policy", "-o", "out");
        Invariants.Hold(build, "build", 0, 2, 3);
        Assert.That(Directory.Exists(workspace.Combine("out")), Is.EqualTo(build.ExitCode == 0), "build writes its folder exactly when it succeeds\n" + build.Out + build.Error);
        Invariants.Untouched(before, workspace.Root, "build", "out");

        var eval = workspace.Run(["eval", "--policy", "policy", "--input", Path.Combine(RepoPaths.Root, "examples"), .. AsffPlace, .. Reports.SelectMany(r => new[] { "--format", r.Format, "-o", r.File })]);
        Invariants.Hold(eval, "eval", 0, 1, 2, 3);
        CheckReports(workspace, eval);
        Invariants.Untouched(before, workspace.Root, "eval", [.. Reports.Select(r => r.File), "out"]);

        if (workspace.HasTests)
        {
            var test = workspace.Run("test", "policy", "--coverage");
            Invariants.Hold(test, "test", 0, 1, 2, 3);
        }

        File.WriteAllText(workspace.Combine("requests.jsonl"), FuzzCorpus.Requests);
        before = FolderSnapshot.Of(workspace.Root);
        var authorize = workspace.Run("authorize", "--policy", "policy", "--requests", "requests.jsonl", "--format", "json");
        Invariants.Hold(authorize, "authorize", 0, 1, 2, 3);

        var fmtCheck = workspace.Run("fmt", "--check", "policy");
        Invariants.Hold(fmtCheck, "fmt --check", 0, 1, 2, 3);
        Invariants.Untouched(before, workspace.Root, "fmt --check");

        var fmt = workspace.Run("fmt", "policy");
        Invariants.Hold(fmt, "fmt", 0, 2, 3);
        var formatted = FolderSnapshot.Of(workspace.Root);
        Invariants.Untouched(before, workspace.Root, "fmt", fmt.ExitCode == 0 ? [.. formatted.Files.Keys.Where(f => f.EndsWith(".sec08", StringComparison.Ordinal))] : []);
        if (fmt.ExitCode == 0)
        {
            Assert.That(workspace.Run("fmt", "--check", "policy").ExitCode, Is.Zero, "fmt is not idempotent");
            SameBuild(workspace, build);
        }
    }

    /// <summary>Builds the formatted set and compares it with the build of the set as it was.</summary>
    internal static void SameBuild(PolicyWorkspace workspace, CliRunner.Run before)
    {
        var after = workspace.Run("build", "policy", "-o", "out-formatted");
        Assert.That(after.ExitCode, Is.EqualTo(before.ExitCode), $"fmt changed the build's exit code\n--- before\n{before.Out}\n--- after\n{after.Out}{after.Error}");
        Assert.That(BuildComparison.Diagnostics(after.Out.Replace("out-formatted", "out", StringComparison.Ordinal)), Is.EqualTo(BuildComparison.Diagnostics(before.Out)), "fmt changed the build's diagnostics");
        var differences = BuildComparison.Differences(BuildComparison.Files(workspace.Combine("out")), BuildComparison.Files(workspace.Combine("out-formatted"))).ToList();
        Assert.That(differences, Is.Empty, "fmt changed what the set builds");
    }

    private static void CheckReports(PolicyWorkspace workspace, CliRunner.Run eval)
    {
        foreach (var (format, file) in Reports)
        {
            var path = workspace.Combine(file);
            if (eval.ExitCode is 2)
            {
                Assert.That(File.Exists(path), Is.False, $"eval wrote {file} although the policy has errors");
                continue;
            }

            if (!File.Exists(path))
            {
                Assert.That(eval.ExitCode, Is.EqualTo(3), $"eval exited {eval.ExitCode} without writing {file}\n{eval.Error}");
                continue;
            }

            // A report that exists is whole: the structured ones parse.
            var text = File.ReadAllText(path);
            if (format is "json" or "json-v1" or "sarif" or "asff")
            {
                Assert.DoesNotThrow(() => JsonDocument.Parse(text).Dispose(), $"{file} is not whole JSON");
            }
            else if (format is "junit")
            {
                Assert.DoesNotThrow(() => XDocument.Parse(text), $"{file} is not whole XML");
            }
        }
    }
}
