using System.Text.Json;
using Sec08Policy.Compiler.Emit;
using Sec08Policy.Compiler.Emit.Json;
using Sec08Policy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Sec08Policy.Tests.Emit;

public class BuildCommandTests
{
    private const string ScpCase = "tests/Sec08Policy.Tests/Cases/build/scp-services.sec08";

    [Test]
    public void Build_Twice_IsByteIdentical()
    {
        using var temp = new TempFolder();

        var first = CliRunner.Invoke("build", "policies", "-o", temp.Combine("a"));
        var second = CliRunner.Invoke("build", "policies", "-o", temp.Combine("b"));

        Assert.That((first.ExitCode, second.ExitCode), Is.EqualTo((0, 0)));
        var files = GoldenFolder.Files(temp.Combine("a"));
        Assert.That(GoldenFolder.Files(temp.Combine("b")), Is.EqualTo(files));
        foreach (var file in files)
        {
            Assert.That(File.ReadAllBytes(temp.Combine("b", file)), Is.EqualTo(File.ReadAllBytes(temp.Combine("a", file))), file);
        }
    }

    [Test]
    public void Build_EveryPolicyDocument_ParsesBackMeetsTheGrammarAndItsSizeLimit()
    {
        using var temp = new TempFolder();
        foreach (var input in new[] { "policies", ScpCase, "tests/Sec08Policy.Tests/Cases/build/key-policies.sec08", "tests/Sec08Policy.Tests/Cases/build/perimeter.sec08" })
        {
            var folder = temp.Combine(Path.GetFileNameWithoutExtension(input));
            Assert.That(CliRunner.Invoke("build", input, "-o", folder).ExitCode, Is.EqualTo(0));
            foreach (var file in GoldenFolder.Files(folder).Where(f => f.StartsWith("iam/") || f.StartsWith("kms/") || f.StartsWith("scp/") || f.StartsWith("rcp/")))
            {
                var text = File.ReadAllText(Path.Combine(folder, file));
                var document = PolicyJson.Parse(text);
                var kind = file[..3];

                Assert.That(kind == "rcp" ? PolicyGrammarCheck.CheckResourceControlPolicy(document) : PolicyGrammarCheck.Check(document, kind == "kms", kind == "scp"), Is.Empty, file);
                Assert.That(PolicyJson.Minified(document), Is.EqualTo(PolicyJson.Minified(PolicyJson.Parse(PolicyJson.Indented(document)))), "round trip " + file);
                var limit = kind switch
                {
                    "iam" => PolicyJson.NonWhitespaceLength(text) <= 6144,
                    "kms" => PolicyJson.Utf8Length(text) <= 32768,
                    _ => text.TrimEnd('\n').Length <= 5120,
                };
                Assert.That(limit, Is.True, $"{file} is within its AWS size limit");
            }
        }
    }

    [Test]
    public void Build_ScpsThatDoNotFit_FailWithSP3005AndLeaveTheOutputAlone()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("out");
        Assert.That(CliRunner.Invoke("build", "policies", "-o", folder).ExitCode, Is.EqualTo(0));
        var previous = GoldenFolder.Files(folder);

        var run = CliRunner.Invoke("build", ScpCase, "-o", folder, "--scp-max-count", "1", "--scp-max-chars", "1000");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Out, Does.Contain("error SP3005: the SCP statements need"));
        Assert.That(run.Out, Does.Contain("but at most 1 SCP of 1,000 characters each are allowed"));
        Assert.That(GoldenFolder.Files(folder), Is.EqualTo(previous));
    }

    [Test]
    public void Build_StatementLargerThanAnScp_FailsWithSP3004()
    {
        using var temp = new TempFolder();

        var run = CliRunner.Invoke("build", ScpCase, "-o", temp.Combine("out"), "--scp-max-chars", "200");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Out, Does.Contain("error SP3004: statement `"));
    }

    [Test]
    public void Build_ReplacesThePreviousOutputWhole()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("out");
        Assert.That(CliRunner.Invoke("build", "policies", "-o", folder).ExitCode, Is.EqualTo(0));
        File.WriteAllText(Path.Combine(folder, "stale.json"), "{}");

        var run = CliRunner.Invoke("build", "policies", "-o", folder);

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(File.Exists(Path.Combine(folder, "stale.json")), Is.False);
        Assert.That(Directory.GetDirectories(temp.Path), Has.Length.EqualTo(1), "no staging folder is left behind");
    }

    [Test]
    public void Build_OutputThatIsAFile_IsAnOutputError()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("taken");
        File.WriteAllText(file, "x");

        var run = CliRunner.Invoke("build", "policies", "-o", file);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("will not write `" + file + "`: it is a regular file, not a folder"));
        Assert.That(File.ReadAllText(file), Is.EqualTo("x"));
    }

    [Test]
    public void Build_PolicyWithErrors_ExitsTwoAndWritesNothing()
    {
        using var temp = new TempFolder();

        var run = CliRunner.Invoke("build", "tests/Sec08Policy.Tests/Cases/binding/SP2003-unknown-level.sec08", "-o", temp.Combine("out"));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(Directory.Exists(temp.Combine("out")), Is.False);
    }

    [Test]
    public void Build_CloudFormation_IsYamlThatDeploysKeysPoliciesAndScps()
    {
        using var temp = new TempFolder();
        CliRunner.Invoke("build", "policies", "-o", temp.Path + "/out");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(temp.Combine("out", "cloudformation.yaml"))));
        var resources = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["Resources"];
        var types = resources.Children.Values.Select(r => ((YamlScalarNode)((YamlMappingNode)r)["Type"]).Value).ToList();

        Assert.That(types.Count(t => t == "AWS::KMS::Key"), Is.EqualTo(4));
        Assert.That(types.Count(t => t == "AWS::KMS::Alias"), Is.EqualTo(4));
        Assert.That(types.Count(t => t == "AWS::IAM::ManagedPolicy"), Is.EqualTo(Directory.GetFiles(temp.Combine("out", "iam")).Length));
        Assert.That(types.Count(t => t == "AWS::Organizations::Policy"), Is.EqualTo(Directory.GetFiles(temp.Combine("out", "scp")).Length + Directory.GetFiles(temp.Combine("out", "rcp")).Length));
        var rcp = (YamlMappingNode)((YamlMappingNode)resources["Rcp1"])["Properties"];
        Assert.That(((YamlScalarNode)rcp["Type"]).Value, Is.EqualTo("RESOURCE_CONTROL_POLICY"));
        var key = (YamlMappingNode)((YamlMappingNode)resources["KeyConfidentialData"])["Properties"];
        Assert.That(((YamlScalarNode)key["RotationPeriodInDays"]).Value, Is.EqualTo("180"));
        Assert.That(((YamlScalarNode)key["EnableKeyRotation"]).Style, Is.Not.EqualTo(YamlDotNet.Core.ScalarStyle.DoubleQuoted), "booleans stay booleans");
    }

    [Test]
    public void Build_Terraform_EscapesPolicyVariables()
    {
        using var temp = new TempFolder();
        CliRunner.Invoke("build", "policies", "-o", temp.Path + "/out");
        using var document = JsonDocument.Parse(File.ReadAllText(temp.Combine("out", "main.tf.json")));
        var policy = document.RootElement.GetProperty("resource").GetProperty("aws_iam_policy").GetProperty("team_data_access").GetProperty("policy").GetString()!;

        Assert.That(policy, Does.Contain("$${aws:PrincipalTag/team}"));
        Assert.That(policy.Replace("$${", "${", StringComparison.Ordinal), Does.Not.Contain("$${"));
        Assert.That(PolicyJson.Parse(policy.Replace("$${", "${", StringComparison.Ordinal)).Statement, Is.Not.Empty);
    }

    [Test]
    public void Build_Manifest_TracesEveryStatementToItsSourceLine()
    {
        using var temp = new TempFolder();
        CliRunner.Invoke("build", "policies", "-o", temp.Path + "/out");
        using var manifest = JsonDocument.Parse(File.ReadAllText(temp.Combine("out", "manifest.json")));
        var entries = manifest.RootElement.GetProperty("statements").EnumerateArray().ToList();
        var emitted = GoldenFolder.Files(temp.Combine("out"))
            .Where(f => f.EndsWith(".json") && f.Contains('/'))
            .SelectMany(f => PolicyJson.Parse(File.ReadAllText(temp.Combine("out", f))).Statement.Select(s => (f, s.Sid)))
            .ToHashSet();

        Assert.That(entries.Select(e => (e.GetProperty("file").GetString()!, e.GetProperty("sid").GetString()!)).ToHashSet(), Is.EquivalentTo(emitted));
        foreach (var entry in entries)
        {
            var origin = entry.GetProperty("origin");
            var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, origin.GetProperty("file").GetString()!));
            Assert.That(origin.GetProperty("line").GetInt32(), Is.InRange(1, lines.Length));
        }
    }
}
