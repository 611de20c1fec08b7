using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Fuzzing;

/// <summary>The shipped files the mutations start from: policies, packs, build and binding cases, inputs, test files.</summary>
internal static class FuzzCorpus
{
    private static readonly string[] InputExtensions = [".json", ".yaml", ".yml", ".template", ".gz"];

    /// <summary>A policy set: its folder (copied whole into each case) and the files in it that may be mutated.</summary>
    public sealed record PolicySet(string Name, string Folder, IReadOnlyList<string> Files);

    private static readonly Lazy<IReadOnlyList<PolicySet>> s_policySets = new(() =>
    {
        var sets = new List<PolicySet> { Set("policies", RepoPaths.Policies) };
        sets.AddRange(Directory.EnumerateDirectories(Path.Combine(RepoPaths.Root, "library")).Order(StringComparer.Ordinal)
            .Select(d => Set("library/" + Path.GetFileName(d), d)));

        // Single-file cases (build and binding cases, formatter cases) are sets of one file each.
        foreach (var folder in new[] { "build", "binding", "format", "malformed" })
        {
            var root = Path.Combine(RepoPaths.Cases, folder);
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(root, "*.sec08").Order(StringComparer.Ordinal))
            {
                sets.Add(new PolicySet($"{folder}/{Path.GetFileName(file)}", root, [Path.GetFileName(file)]));
            }
        }

        return sets;
    });

    private static readonly Lazy<IReadOnlyList<string>> s_inputs = new(() =>
    {
        var roots = new List<string>
        {
            Path.Combine(RepoPaths.Root, "examples"),
            Path.Combine(RepoPaths.Cases, "inputs"),
            Path.Combine(RepoPaths.Cases, "eval"),
            Path.Combine(RepoPaths.Cases, "config"),
            Path.Combine(RepoPaths.Cases, "catalogue"),
        };
        if (SharedCorpus is { } shared)
        {
            roots.Add(shared);
        }

        return [.. roots.Where(Directory.Exists)
            .SelectMany(r => Directory.EnumerateFiles(r, "*", SearchOption.AllDirectories))
            .Where(f => InputExtensions.Contains(Path.GetExtension(f), StringComparer.Ordinal) && new FileInfo(f).Length <= 256_000)
            .Order(StringComparer.Ordinal)];
    });

    private static readonly Lazy<IReadOnlyList<string>> s_testFiles = new(() =>
        [.. new[] { RepoPaths.Policies, Path.Combine(RepoPaths.Root, "library") }
            .SelectMany(r => Directory.EnumerateFiles(r, "*.test.yaml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)]);

    public static IReadOnlyList<PolicySet> PolicySets => s_policySets.Value;

    /// <summary>The policy sets whose build succeeds as shipped, for the properties of valid mutants.</summary>
    public static IReadOnlyList<PolicySet> BuildableSets => [.. PolicySets.Where(s => !s.Name.StartsWith("binding/", StringComparison.Ordinal) && !s.Name.StartsWith("malformed/", StringComparison.Ordinal))];

    /// <summary>Input files of every form (CloudFormation, Terraform, Config, inventories), under 256 KB each.</summary>
    public static IReadOnlyList<string> Inputs => s_inputs.Value;

    /// <summary>Policy test files (<c>*.test.yaml</c>) of the baseline and the packs.</summary>
    public static IReadOnlyList<string> TestFiles => s_testFiles.Value;

    /// <summary>The shared corpus of real-world inputs beside the repository, when present.</summary>
    public static string? SharedCorpus
    {
        get
        {
            var folder = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "corpus"));
            return Directory.Exists(folder) ? folder : null;
        }
    }

    /// <summary>Access requests in the <c>--requests</c> shape, one JSON object a line.</summary>
    public const string Requests =
        """
        {"principal":"arn:aws:iam::111122223333:role/DataPlatform","action":"kms:Decrypt","resource":"arn:aws:kms:eu-west-1:111122223333:alias/acme/confidential","context":{"kms:ViaService":"s3.eu-west-1.amazonaws.com","kms:CallerAccount":"111122223333"}}
        {"principal":"arn:aws:iam::111122223333:role/Analyst","principal_tags":{"team":"payments","clearance":"confidential","employment":"employee"},"action":"s3:GetObject","resource":"arn:aws:s3:::acme-payments/ledger.csv","resource_tags":{"team":"payments","DataClassification":"internal"}}
        {"principal":"arn:aws:iam::111122223333:role/PaymentsEngineer","principal_tags":{"team":"payments","clearance":"restricted"},"action":"dynamodb:GetItem","resource":"arn:aws:dynamodb:eu-west-1:111122223333:table/analytics-customers","resource_tags":{"team":"analytics","DataClassification":"confidential"},"time":"2026-12-01T09:00:00Z"}

        """;

    private static PolicySet Set(string name, string folder) =>
        new(name, folder, [.. Directory.EnumerateFiles(folder, "*.sec08", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)]);
}
