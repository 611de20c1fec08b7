using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Config;

/// <summary>Runs the cfn-guard binary that scripts/cfn-guard/install.sh installs, over rules and data given on standard input.</summary>
internal static class CfnGuard
{
    /// <summary>The binary: <c>SEC08_CFN_GUARD</c> (set by .ci/run), else the installed one; CI fails without it, a developer is told to install it.</summary>
    public static string Locate()
    {
        var path = Environment.GetEnvironmentVariable("SEC08_CFN_GUARD") is { Length: > 0 } set
            ? set
            : Path.Combine(RepoPaths.Root, "scripts", "cfn-guard", "node_modules", "@cdklabs", "cdk-validator-cfnguard", "bin", "ubuntu", "x86_64", "cfn-guard");
        if (!File.Exists(path))
        {
            const string how = "cfn-guard is not installed: run `bash scripts/cfn-guard/install.sh`";
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
            {
                Assert.Fail(how);
            }

            Assert.Ignore(how);
        }

        return path;
    }

    /// <summary>
    /// Validates every data document against every rules text in one run (<c>validate --payload</c>); for each document,
    /// the status of each Guard rule: PASS, FAIL or SKIP.
    /// </summary>
    public static List<Dictionary<string, string>> Validate(string binary, IReadOnlyList<string> rules, IReadOnlyList<string> data)
    {
        var payload = new JsonObject
        {
            ["rules"] = new JsonArray([.. rules.Select(r => (JsonNode)JsonValue.Create(r))]),
            ["data"] = new JsonArray([.. data.Select(d => (JsonNode)JsonValue.Create(d))]),
        }.ToJsonString();
        var start = new ProcessStartInfo(binary, ["validate", "--payload", "--output-format", "json", "--structured", "--show-summary", "none"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(payload);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill();
            Assert.Fail("cfn-guard did not finish in 120 s");
        }

        // Exit code 19 means some rule failed; anything but 0 or 19 is a problem with the rules or the data.
        Assert.That(process.ExitCode, Is.AnyOf(0, 19), error.Result);
        var results = JsonNode.Parse(output.Result)!.AsArray();
        Assert.That(results, Has.Count.EqualTo(data.Count), "one result per document");
        return [.. results.Select(result =>
        {
            var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in result!["compliant"]!.AsArray())
            {
                statuses[name!.GetValue<string>()] = "PASS";
            }

            foreach (var name in result["not_applicable"]!.AsArray())
            {
                statuses[name!.GetValue<string>()] = "SKIP";
            }

            foreach (var failed in result["not_compliant"]!.AsArray())
            {
                statuses[failed!["Rule"]!["name"]!.GetValue<string>()] = "FAIL";
            }

            return statuses;
        })];
    }
}
