using System.Text;

namespace Sec08Policy.Benchmarks.Generators;

/// <summary>
/// A CloudFormation YAML template of N resources mixing every type of the resource catalogue: the compliant and
/// non-compliant resources of <c>tests/Sec08Policy.Tests/Cases/catalogue/*/cloudformation.yaml</c>, taken in turn
/// under new logical IDs, with the one key they all name. It measures what adding types costs the readers.
/// </summary>
internal static class CatalogueTemplateGenerator
{
    public static void Write(Stream stream, int count)
    {
        var blocks = Blocks();
        using var yaml = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        yaml.Write($"AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: sec08 benchmark template, {count} resources of the {blocks.Select(b => b.Type).Distinct().Count()} catalogue types.\nResources:\n");
        yaml.Write("  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n");
        for (var i = 1; i < count; i++)
        {
            var block = blocks[i % blocks.Count];
            yaml.Write("  R");
            yaml.Write(i);
            yaml.Write(":\n");
            yaml.Write(block.Body);
        }
    }

    /// <summary>Each resource of the case templates but their key: its type, and its definition's lines under the logical ID.</summary>
    private static List<(string Type, string Body)> Blocks()
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "tests", "Sec08Policy.Tests", "Cases", "catalogue");
        var blocks = new List<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(folder, "cloudformation.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string? id = null;
            var body = new StringBuilder();
            string? type = null;
            foreach (var line in File.ReadLines(file).SkipWhile(l => l != "Resources:").Skip(1).Append("  End:"))
            {
                if (line.StartsWith("  ", StringComparison.Ordinal) && !line.StartsWith("   ", StringComparison.Ordinal))
                {
                    if (id is not null and not "Key" && type is not null)
                    {
                        blocks.Add((type, body.ToString()));
                    }

                    id = line.Trim().TrimEnd(':');
                    body.Clear();
                    type = null;
                    continue;
                }

                body.Append(line).Append('\n');
                if (line.StartsWith("    Type: ", StringComparison.Ordinal))
                {
                    type = line["    Type: ".Length..].Trim('"');
                }
            }
        }

        return blocks;
    }
}
