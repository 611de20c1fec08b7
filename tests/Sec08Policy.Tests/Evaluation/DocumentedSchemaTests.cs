using System.Text.Json;
using Json.Schema;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Inputs.Inventory;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Evaluation;

/// <summary>The JSON sec08 writes matches the schemas documented in docs/.</summary>
public class DocumentedSchemaTests
{
    // A schema with an $id registers globally; build each once.
    private static readonly Dictionary<string, JsonSchema> s_schemas = [];

    private static JsonSchema Schema(string file)
    {
        lock (s_schemas)
        {
            if (!s_schemas.TryGetValue(file, out var schema))
            {
                s_schemas[file] = schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Docs, file)));
            }

            return schema;
        }
    }

    private static void AssertValid(string schemaFile, string json)
    {
        var schema = Schema(schemaFile);
        using var document = JsonDocument.Parse(json);

        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}").Take(10);
        Assert.That(result.IsValid, Is.True, string.Join("\n", errors));
    }

    [Test]
    public void EvalJson_MatchesDocsEvalSchema()
    {
        var run = CliRunner.Invoke("eval", "--policy", "policies", "--input", "examples", "--format", "json");

        AssertValid("eval.schema.json", run.Out);
    }

    [Test]
    public void EvalJsonV1_MatchesDocsEvalV1Schema()
    {
        var run = CliRunner.Invoke("eval", "--policy", "policies", "--input", "examples", "--format", "json-v1");

        AssertValid("eval-1.schema.json", run.Out);
    }

    [TestCase("json", "eval.schema.json")]
    [TestCase("json-v1", "eval-1.schema.json")]
    public void EvalJson_WithAnInputThatCannotBeRead_MatchesItsSchema(string format, string schema)
    {
        var run = CliRunner.Invoke("eval", "--policy", "policies", "--input", "examples", "tests/Sec08Policy.Tests/Cases/inputs/malformed/truncated.json", "--format", format);

        Assert.That(run.Out, Does.Contain("\"inputErrors\""));
        AssertValid(schema, run.Out);
    }

    [Test]
    public void Inventory_WrittenFromEveryInputKind_MatchesDocsInventorySchema()
    {
        foreach (var file in new[] { "template.yaml", "plan.json", "config-snapshot.json", "inventory.json" })
        {
            var input = InputLoader.Load(Path.Combine(RepoPaths.Cases, "inputs", "equivalence", file));
            AssertValid("inventory.schema.json", InventoryWriter.ToJson(input.Resources));
        }
    }

    [Test]
    public void Inventory_WrittenAndReadBack_GivesTheSameFacts()
    {
        var input = InputLoader.Load(Path.Combine(RepoPaths.Cases, "inputs", "equivalence", "plan.json"));
        var written = InventoryWriter.ToJson(input.Resources);

        var reread = InputLoader.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(written)), "inventory.json");

        Assert.That(reread.Kind, Is.EqualTo(InputKind.Inventory));
        Assert.That(InventoryWriter.ToJson(reread.Resources), Is.EqualTo(written));
    }
}
