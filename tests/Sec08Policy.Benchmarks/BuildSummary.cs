using System.Globalization;
using System.Text.Json;
using Sec08Policy.Compiler.Emit;

namespace Sec08Policy.Benchmarks;

/// <summary>What a build produced: files, characters and policy statements per output folder, and the largest policies.</summary>
internal static class BuildSummary
{
    public static void Print(EmitResult result)
    {
        var artifacts = result.Artifacts;
        Console.WriteLine($"  output:              {artifacts.Length} files, {artifacts.Sum(a => (long)a.Content.Length).ToString("N0", CultureInfo.InvariantCulture)} characters");
        foreach (var group in artifacts.GroupBy(Folder).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var policies = group.Key is "iam" or "kms" or "scp";
            var statements = policies ? group.Sum(a => Statements(a.Content)) : 0;
            var largest = group.MaxBy(a => a.Content.Length)!;
            var detail = group.Key switch
            {
                "iam" => $", largest {NonWhitespace(largest.Content):N0} non-white-space characters ({largest.Path}; limit 6,144)",
                "kms" => $", largest {MaxUtf8(group):N0} bytes (limit 32,768)",
                "scp" => $", largest {group.Max(a => a.Content.TrimEnd('\n').Length):N0} characters",
                _ => string.Empty,
            };
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {group.Key + ":",-20} {group.Count(),5} files, {group.Sum(a => (long)a.Content.Length),11:N0} characters{(policies ? $", {statements:N0} statements" : string.Empty)}{detail}"));
        }
    }

    private static string Folder(Artifact artifact)
    {
        var slash = artifact.Path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? artifact.Path : artifact.Path[..slash];
    }

    private static int Statements(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("Statement").GetArrayLength();
    }

    private static int NonWhitespace(string text) => text.Count(c => !char.IsWhiteSpace(c));

    private static int MaxUtf8(IEnumerable<Artifact> artifacts) => artifacts.Max(a => System.Text.Encoding.UTF8.GetByteCount(a.Content));
}
