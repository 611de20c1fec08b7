using System.Text.Json.Nodes;
using Sec08Policy.Engine.Reporting;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Reporting;

/// <summary>
/// SARIF artifact locations are URIs: relative paths stay relative references, absolute paths become file:// URIs
/// (a reference starting with "/" fails SARIF validation, SARIF1004), and every segment is percent-encoded.
/// </summary>
public class SarifUriTests
{
    [TestCase("examples/terraform/plan.json", "examples/terraform/plan.json")]
    [TestCase("../shared/corpus/plan.json", "../shared/corpus/plan.json")]
    [TestCase("my stacks/a#1 50%.yaml", "my%20stacks/a%231%2050%25.yaml")]
    [TestCase("a:b.json", "a%3Ab.json")]
    [TestCase(@"C:\stacks\data.yaml", "file:///C:/stacks/data.yaml")]
    [TestCase(@"\\server\share\data.yaml", "file://server/share/data.yaml")]
    [TestCase(@"stacks\data.yaml", "stacks/data.yaml")]
    public void Path_BecomesAUri(string path, string uri)
    {
        Assert.That(SarifUri.Of(path), Is.EqualTo(uri));
        Assert.That(Uri.TryCreate(uri, UriKind.RelativeOrAbsolute, out var parsed), Is.True);
        Assert.That(parsed!.IsAbsoluteUri, Is.EqualTo(uri.StartsWith("file:", StringComparison.Ordinal)));
    }

    [TestCase("plans/plan.json", "plans/plan.json")]
    [TestCase("my plans/é.json", "my%20plans/%C3%A9.json")]
    public void AbsolutePath_BecomesAFileUri(string relative, string encoded)
    {
        var root = Path.GetFullPath(Path.GetTempPath());
        var path = Path.Combine(root, relative);

        var uri = SarifUri.Of(path);

        Assert.That(uri, Does.StartWith("file://"));
        Assert.That(uri, Does.EndWith("/" + encoded));
        Assert.That(new Uri(uri).LocalPath, Is.EqualTo(path));
    }

    [Test]
    public void Eval_InputGivenByAbsolutePath_IsLocatedByAFileUri()
    {
        using var temp = new TempFolder();
        var plan = temp.Combine("plan.json");
        File.Copy(Path.Combine(RepoPaths.Root, "examples", "terraform", "plan.json"), plan);

        var sarif = JsonNode.Parse(CliRunner.Invoke("eval", "--policy", "policies", "--input", plan, "--format", "sarif").Out)!;

        var uris = sarif["runs"]![0]!["results"]!.AsArray().Select(r => r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!).ToList();
        Assert.That(uris, Is.Not.Empty);
        Assert.That(uris.Select(u => u["uri"]!.GetValue<string>()).Distinct(), Is.EqualTo(new[] { new Uri(plan).AbsoluteUri }));
        Assert.That(uris.Any(u => u["uriBaseId"] is not null), Is.False, "an absolute URI has no base");
    }
}
