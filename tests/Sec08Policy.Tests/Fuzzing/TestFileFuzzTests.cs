using System.Text;
using CsCheck;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Fuzzing;

/// <summary>
/// Hostile edits of the policy test files and of access request files, through <c>test</c> and <c>authorize</c>: no
/// exception escapes, and a malformed file is an error with its position (exit 3) that changes nothing.
/// </summary>
[NonParallelizable]
public class TestFileFuzzTests
{
    [Test]
    public void Fuzz_EditedTestFiles_ThroughTest()
    {
        var files = FuzzCorpus.TestFiles;
        var gen =
            from i in Gen.Int[0, files.Count - 1]
            from o in Gen.Int[0, files.Count - 1]
            from edits in Gen.Int[1, 3]
            from seed in Gen.Int
            select (File: files[i], Mutant: Mutations.Apply(File.ReadAllBytes(files[i]), File.ReadAllBytes(files[o]), new Random(seed), edits));
        FuzzRun.Check(nameof(Fuzz_EditedTestFiles_ThroughTest), gen, 100, c =>
        {
            // The test file's policy is the folder above its tests/ folder: copy that set, edit the one file.
            var setFolder = Path.GetDirectoryName(Path.GetDirectoryName(c.File))!;
            var set = FuzzCorpus.PolicySets.Single(s => Path.GetFullPath(s.Folder) == Path.GetFullPath(setFolder));
            using var workspace = new PolicyWorkspace(set);
            var relative = Path.GetRelativePath(setFolder, c.File);
            workspace.Write(relative, c.Mutant.Bytes);
            var before = FolderSnapshot.Of(workspace.Root);
            Invariants.Hold(workspace.Run("test", Path.Combine("policy", relative)), "test", 0, 1, 2, 3);
            Invariants.Hold(workspace.Run("test", Path.Combine("policy", relative), "--format", "junit", "--coverage"), "test --format junit", 0, 1, 2, 3);
            Invariants.Untouched(before, workspace.Root, "test");
        }, c => $"{Path.GetRelativePath(RepoPaths.Root, c.File)} with {c.Mutant.Description}");
    }

    [Test]
    public void Fuzz_EditedRequests_ThroughAuthorize()
    {
        var requests = Encoding.UTF8.GetBytes(FuzzCorpus.Requests);
        var gen =
            from edits in Gen.Int[1, 3]
            from seed in Gen.Int
            select Mutations.Apply(requests, requests, new Random(seed), edits);
        FuzzRun.Check(nameof(Fuzz_EditedRequests_ThroughAuthorize), gen, 100, mutant =>
        {
            using var folder = new TempFolder();
            File.WriteAllBytes(folder.Combine("requests.jsonl"), mutant.Bytes);
            var before = FolderSnapshot.Of(folder.Path);
            Invariants.Hold(CliRunner.InvokeIn(folder.Path, "authorize", "--policy", RepoPaths.Policies, "--requests", "requests.jsonl"), "authorize", 0, 1, 3);
            Invariants.Hold(CliRunner.InvokeIn(folder.Path, "authorize", "--policy", RepoPaths.Policies, "--requests", "requests.jsonl", "--format", "json"), "authorize --format json", 0, 1, 3);
            Invariants.Untouched(before, folder.Path, "authorize");
        }, m => m.Description);
    }
}
