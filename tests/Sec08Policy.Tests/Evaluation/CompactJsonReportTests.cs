using System.Text.Json.Nodes;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Evaluation;

/// <summary>
/// The compact JSON report (sec08-eval/2) says what the previous format (sec08-eval/1) said, with rules, files and
/// waivers listed once: every finding of one is a finding of the other, with the same rule, resource, verdict, reason
/// and waiver; the counts, indicators and compliance scores are the same.
/// </summary>
public class CompactJsonReportTests
{
    private static readonly string[] s_example = ["eval", "--policy", "policies", "--input", "examples"];

    [Test]
    public void CompactReport_ExpandedThroughItsTables_GivesTheFindingsOfTheFullReport()
    {
        var compact = JsonNode.Parse(CliRunner.Invoke([.. s_example, "--format", "json"]).Out)!;
        var full = JsonNode.Parse(CliRunner.Invoke([.. s_example, "--format", "json-v1"]).Out)!;

        var expanded = Expand(compact);
        var expected = full["findings"]!.AsArray().Select(f => Describe(
            f!["rule"]!.GetValue<string>(),
            f["resource"]!,
            f["resource"]!["position"]!["file"]!.GetValue<string>(),
            f["resource"]!["position"]!,
            f["classification"]?.GetValue<string>(),
            f["verdict"]!.GetValue<string>(),
            f["reason"]?.GetValue<string>(),
            f["waiver"]?["name"]!.GetValue<string>())).ToList();

        Assert.That(compact["format"]!.GetValue<string>(), Is.EqualTo("sec08-eval/2"));
        Assert.That(full["format"]!.GetValue<string>(), Is.EqualTo("sec08-eval/1"));
        Assert.That(expanded, Has.Count.EqualTo(114));
        Assert.That(expanded, Is.EqualTo(expected));
        Assert.That(compact["summary"]!.ToJsonString(), Is.EqualTo(full["summary"]!.ToJsonString()));
        Assert.That(compact["kpis"]!.ToJsonString(), Is.EqualTo(full["kpis"]!.ToJsonString()));
        Assert.That(full["compliance"]!.AsArray(), Is.Not.Empty);
        Assert.That(ComplianceWithRuleIds(compact).ToJsonString(), Is.EqualTo(full["compliance"]!.ToJsonString()));
    }

    [Test]
    public void CompactReport_WritesEachResourceOnALineOfItsOwn()
    {
        var report = CliRunner.Invoke([.. s_example, "--format", "json"]).Out;
        var summary = JsonNode.Parse(report)!;

        var lines = report.Split('\n').Where(l => l.StartsWith("    {\"id\":", StringComparison.Ordinal)).ToList();

        Assert.That(lines, Has.Count.EqualTo(summary["resources"]!.AsArray().Count));
        Assert.That(lines.Select(l => JsonNode.Parse(l.TrimEnd(','))!["id"]!.GetValue<string>()), Is.EqualTo(summary["resources"]!.AsArray().Select(r => r!["id"]!.GetValue<string>())));
    }

    [Test]
    public void CompactReport_ExpiredWaiver_IsNamedByIndexWithItsVerdictUnchanged()
    {
        using var temp = new TempFolder();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "policies")))
        {
            File.Copy(file, temp.Combine(Path.GetFileName(file)));
        }

        var waivers = temp.Combine("waivers.sec08");
        File.WriteAllText(waivers, File.ReadAllText(waivers).Replace("expires 2027-06-30", "expires 2026-01-31", StringComparison.Ordinal));

        var report = JsonNode.Parse(CliRunner.Invoke("eval", "--policy", temp.Path, "--input", "examples", "--format", "json").Out)!;

        var waiver = report["waivers"]!.AsArray().Single()!;
        Assert.That((waiver["name"]!.GetValue<string>(), waiver["expired"]!.GetValue<bool>()), Is.EqualTo(("legacy_exports_encryption", true)));
        var covered = report["resources"]!.AsArray().SelectMany(r => r!["findings"]!.AsArray()).Where(f => f!["waiver"] is not null).ToList();
        Assert.That(covered, Is.Not.Empty);
        Assert.That(covered.Select(f => f!["waiver"]!.GetValue<int>()), Is.All.EqualTo(0));
        Assert.That(covered.Select(f => f!["verdict"]!.GetValue<string>()), Is.All.AnyOf("fail", "unknown"));
    }

    /// <summary>Every finding of a compact report, with its tables looked up, in report order.</summary>
    private static List<string> Expand(JsonNode compact)
    {
        var files = compact["files"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
        var rules = compact["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        var waivers = compact["waivers"]!.AsArray().Select(w => w!["name"]!.GetValue<string>()).ToList();
        var findings = new List<string>();
        foreach (var resource in compact["resources"]!.AsArray())
        {
            var file = files[resource!["file"]!.GetValue<int>()];
            var level = resource["classification"]?.GetValue<string>();
            var entries = resource["passed"]!.AsArray().Select(p => (Rule: rules[p!.GetValue<int>()], Verdict: "pass", Reason: (string?)null, Waiver: (string?)null))
                .Concat(resource["findings"]!.AsArray().Select(f => (
                    Rule: rules[f!["rule"]!.GetValue<int>()],
                    Verdict: f["verdict"]!.GetValue<string>(),
                    Reason: f["reason"]?.GetValue<string>(),
                    Waiver: f["waiver"] is { } index ? waivers[index.GetValue<int>()] : null)))
                .OrderBy(e => e.Rule, StringComparer.Ordinal);
            findings.AddRange(entries.Select(e => Describe(e.Rule, resource, file, resource, level, e.Verdict, e.Reason, e.Waiver)));
        }

        return findings;
    }

    /// <summary>The compact report's compliance scores with each control's rules looked up in its rule table.</summary>
    private static JsonNode ComplianceWithRuleIds(JsonNode compact)
    {
        var rules = compact["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        var compliance = compact["compliance"]!.DeepClone();
        foreach (var control in compliance.AsArray().SelectMany(f => f!["controls"]!.AsArray()))
        {
            control!["rules"] = new JsonArray([.. control["rules"]!.AsArray().Select(i => (JsonNode)rules[i!.GetValue<int>()])]);
        }

        return compliance;
    }

    private static string Describe(string rule, JsonNode resource, string file, JsonNode position, string? level, string verdict, string? reason, string? waiver) =>
        $"{rule} | {resource["id"]} {resource["type"]} {resource["arn"]} | {file}({position["line"]},{position["column"]}) {position["pointer"]} | {level} | {verdict} | {reason} | {waiver}";
}
