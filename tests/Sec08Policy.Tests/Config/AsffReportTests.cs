using System.Text;
using System.Text.Json;
using Json.Schema;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Config;

/// <summary>
/// <c>eval --format asff</c> writes a BatchImportFindings body whose findings have every field ASFF requires, within
/// its limits and enumerations (Schemas/asff-batch-import.schema.json, from the field list in the AWS API model), with
/// each verdict mapped to the compliance status documented in docs/eval.md.
/// </summary>
public class AsffReportTests
{
    private static readonly Lazy<JsonSchema> s_schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "Sec08Policy.Tests", "Schemas", "asff-batch-import.schema.json"))));

    private static readonly string[] s_examples = ["eval", "--policy", "policies", "--input", "examples", "--format", "asff", "--asff-account", "111122223333", "--asff-region", "eu-west-1"];

    [Test]
    public void Asff_FromConfigAndFromTemplates_MeetsTheRequiredFields()
    {
        var config = CliRunner.Invoke("eval", "--policy", "policies", "--input", "tests/Sec08Policy.Tests/Cases/inputs/equivalence/config-snapshot.json", "--format", "asff");
        var templates = CliRunner.Invoke(s_examples);

        foreach (var run in new[] { config, templates })
        {
            Assert.That(run.ExitCode, Is.AnyOf(0, 1), run.Error);
            using var document = JsonDocument.Parse(run.Out);
            var result = s_schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
            var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}").Take(5);
            Assert.That(result.IsValid, Is.True, string.Join("\n", errors));
            Assert.That(document.RootElement.GetProperty("Findings").GetArrayLength(), Is.GreaterThan(0));
        }
    }

    [Test]
    public void Asff_MapsEveryVerdictToItsComplianceStatus_AndIsByteIdentical()
    {
        var first = CliRunner.Invoke(s_examples);
        var second = CliRunner.Invoke(s_examples);
        var report = CliRunner.Invoke("eval", "--policy", "policies", "--input", "examples", "--format", "json");

        Assert.That(Encoding.UTF8.GetBytes(second.Out), Is.EqualTo(Encoding.UTF8.GetBytes(first.Out)));
        using var asff = JsonDocument.Parse(first.Out);
        var statuses = asff.RootElement.GetProperty("Findings").EnumerateArray()
            .GroupBy(f => (f.GetProperty("ProductFields").GetProperty("sec08/Verdict").GetString(), f.GetProperty("Compliance").GetProperty("Status").GetString()))
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.That(statuses.Keys.Select(k => k.Item1).Distinct().Order(), Is.EqualTo(new[] { "fail", "pass", "unknown", "waived" }));
        Assert.That(statuses.Keys, Is.SubsetOf(new (string?, string?)[] { ("pass", "PASSED"), ("fail", "FAILED"), ("unknown", "NOT_AVAILABLE"), ("waived", "FAILED") }));
        var suppressed = asff.RootElement.GetProperty("Findings").EnumerateArray().Count(f => f.TryGetProperty("Workflow", out var w) && w.GetProperty("Status").GetString() == "SUPPRESSED");
        Assert.That(suppressed, Is.EqualTo(statuses[("waived", "FAILED")]), "waived failures, and only they, are suppressed");
        Assert.That(report.Out, Does.Contain($"\"fail\": {statuses.Where(s => s.Key.Item1 == "fail").Sum(s => s.Value)},"), "as many failures as the JSON report");
    }

    [Test]
    public void Asff_WithoutAnAccountForATemplate_IsAUsageError()
    {
        var run = CliRunner.Invoke("eval", "--policy", "policies", "--input", "examples", "--format", "asff");

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("--asff-account"));
        Assert.That(run.Out, Is.Empty, "nothing is written");
    }
}
