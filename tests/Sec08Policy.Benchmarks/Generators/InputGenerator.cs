using System.Collections.Immutable;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Inputs.Inventory;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Benchmarks.Generators;

/// <summary>The input formats the generators write.</summary>
public enum GeneratedFormat
{
    /// <summary>CloudFormation YAML with short-form tags.</summary>
    Cfn,

    /// <summary>CloudFormation JSON with long-form intrinsics.</summary>
    CfnJson,

    /// <summary>Terraform plan JSON (<c>terraform show -json</c>), on one line as Terraform writes it.</summary>
    Terraform,

    /// <summary>The same plan pretty-printed (as <c>terraform show -json | jq .</c> gives it): one value per line.</summary>
    TerraformPretty,

    /// <summary>AWS Config snapshot, API form.</summary>
    Config,

    /// <summary>Native inventory <c>sec08-inventory/1</c>, written by <see cref="InventoryWriter"/> from the Config snapshot's resources.</summary>
    Inventory,

    /// <summary>CloudFormation YAML mixing every type of the resource catalogue (<see cref="CatalogueTemplateGenerator"/>).</summary>
    CfnCatalogue,
}

/// <summary>
/// Deterministic, seeded inputs of N resources in every format sec08 reads, all from one resource mix
/// (<see cref="InputModel"/>), so the formats describe the same account. Every format loads to exactly N resources
/// (the Terraform plan's extra bucket encryption resources are joined to their buckets).
/// </summary>
public static class InputGenerator
{
    public const int DefaultSeed = 8;

    public static string FileName(GeneratedFormat format) => format switch
    {
        GeneratedFormat.Cfn => "generated-template.yaml",
        GeneratedFormat.CfnJson => "generated-template.json",
        GeneratedFormat.Terraform => "generated-plan.json",
        GeneratedFormat.TerraformPretty => "generated-plan-pretty.json",
        GeneratedFormat.Config => "generated-config-snapshot.json",
        GeneratedFormat.CfnCatalogue => "generated-catalogue-template.yaml",
        _ => "generated-inventory.json",
    };

    public static GeneratedFormat Parse(string name) => name.ToLowerInvariant() switch
    {
        "cfn" or "cfn-yaml" or "cloudformation" => GeneratedFormat.Cfn,
        "cfn-json" => GeneratedFormat.CfnJson,
        "terraform" or "tf" or "plan" => GeneratedFormat.Terraform,
        "terraform-pretty" => GeneratedFormat.TerraformPretty,
        "config" => GeneratedFormat.Config,
        "inventory" => GeneratedFormat.Inventory,
        "cfn-catalogue" => GeneratedFormat.CfnCatalogue,
        _ => throw new ArgumentException($"unknown input kind `{name}`; use cfn, cfn-json, cfn-catalogue, terraform, terraform-pretty, config or inventory", nameof(name)),
    };

    /// <summary>Writes <paramref name="count"/> resources in <paramref name="format"/>.</summary>
    public static void Write(GeneratedFormat format, int count, Stream stream, int seed = DefaultSeed)
    {
        var resources = InputModel.Generate(count, seed);
        switch (format)
        {
            case GeneratedFormat.Cfn:
                CloudFormationGenerator.WriteYaml(stream, resources, count, seed);
                break;
            case GeneratedFormat.CfnJson:
                CloudFormationGenerator.WriteJson(stream, resources, count, seed);
                break;
            case GeneratedFormat.Terraform or GeneratedFormat.TerraformPretty:
                TerraformPlanGenerator.Write(stream, resources, indented: format == GeneratedFormat.TerraformPretty);
                break;
            case GeneratedFormat.Config:
                ConfigSnapshotGenerator.Write(stream, resources);
                break;
            case GeneratedFormat.CfnCatalogue:
                CatalogueTemplateGenerator.Write(stream, count);
                break;
            default:
                var snapshot = Bytes(GeneratedFormat.Config, count, seed);
                var loaded = InputLoader.Load(new MemoryStream(snapshot), FileName(GeneratedFormat.Config));
                InventoryWriter.Write(stream, loaded.Resources, "2025-06-02T09:30:00Z");
                break;
        }
    }

    /// <summary>Writes a Config snapshot of as many resources as fit in about <paramref name="bytes"/> (streamed); returns the count.</summary>
    public static int WriteConfigOfSize(Stream stream, long bytes, int seed = DefaultSeed) =>
        ConfigSnapshotGenerator.Write(stream, InputModel.Generate(int.MaxValue, seed), bytes);

    public static byte[] Bytes(GeneratedFormat format, int count, int seed = DefaultSeed)
    {
        using var buffer = new MemoryStream();
        Write(format, count, buffer, seed);
        return buffer.ToArray();
    }

    /// <summary>
    /// <paramref name="count"/> normalized resources as sec08 reads them from the Config snapshot of the same mix: the
    /// snapshot is generated and loaded in chunks (bounded memory), then key references are linked across chunks.
    /// </summary>
    public static Resource[] NormalizedResources(int count, int seed = DefaultSeed, int chunk = 50_000)
    {
        var all = new List<Resource>(count);
        using var resources = InputModel.Generate(count, seed).GetEnumerator();
        var part = 0;
        while (all.Count < count)
        {
            var items = Take(resources, chunk);
            using var buffer = new MemoryStream();
            ConfigSnapshotGenerator.Write(buffer, items);
            buffer.Position = 0;
            var loaded = InputLoader.Load(buffer, $"generated-part-{part++}.json").Resources;
            if (loaded.IsEmpty)
            {
                break;
            }

            all.AddRange(loaded);
        }

        return [.. InputSetResolver.Resolve(all)];
    }

    private static List<GeneratedResource> Take(IEnumerator<GeneratedResource> source, int count)
    {
        var items = new List<GeneratedResource>(count);
        while (items.Count < count && source.MoveNext())
        {
            items.Add(source.Current);
        }

        return items;
    }

    /// <summary>Resource count by type, for checks and reports.</summary>
    public static ImmutableSortedDictionary<string, int> CountByType(IEnumerable<Resource> resources) =>
        resources.GroupBy(r => r.Type).ToImmutableSortedDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
