using System.Text.Json;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Emit;

/// <summary>One statement of an emitted SCP: its Sid, actions, resources (<c>*</c> when it names none) and condition keys.</summary>
internal sealed record EmittedScpStatement(string Sid, HashSet<string> Actions, List<string> Resources, List<string> ConditionKeys);

/// <summary>
/// Builds one preventive requirement over every data service of the catalogue (with up to 50 SCPs, so none is refused
/// for size) and reads back the SCP statements and the build's output.
/// </summary>
internal static class EveryStoreScps
{
    public static (List<EmittedScpStatement> Statements, string Output) Build(string assertion, string declarations = "")
    {
        using var temp = new TempFolder();
        var services = string.Join(", ", ResourceCatalog.Default.Services.Where(s => s.StoresData).Select(s => s.Name));
        File.WriteAllText(temp.Combine("all.sec08"), $$"""
            policy "all" {
              account "111122223333"
            }
            {{declarations}}
            require every_store for {{services}} {
              {{assertion}}
              enforce preventive
            }
            """);

        var run = CliRunner.Invoke("build", temp.Combine("all.sec08"), "-o", temp.Combine("out"), "--scp-max-count", "50");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Out + run.Error);
        var statements = new List<EmittedScpStatement>();
        foreach (var file in Directory.EnumerateFiles(temp.Combine("out", "scp")))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var statement in document.RootElement.GetProperty("Statement").EnumerateArray())
            {
                var keys = statement.TryGetProperty("Condition", out var condition)
                    ? condition.EnumerateObject().SelectMany(op => op.Value.EnumerateObject().Select(k => k.Name)).ToList()
                    : [];
                var resources = statement.TryGetProperty("Resource", out var resource) ? Strings(resource) : ["*"];
                statements.Add(new(statement.GetProperty("Sid").GetString()!, Strings(statement.GetProperty("Action")).ToHashSet(StringComparer.Ordinal), resources, keys));
            }
        }

        return (statements, run.Out);
    }

    private static List<string> Strings(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(a => a.GetString()!)] : [value.GetString()!];
}
