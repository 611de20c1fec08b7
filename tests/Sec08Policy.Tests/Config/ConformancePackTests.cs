using System.Text.RegularExpressions;
using Sec08Policy.Compiler.Emit.Config;
using Sec08Policy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Sec08Policy.Tests.Config;

/// <summary>The conformance pack deploys: only Config rules and remediations, within Config's limits, each Guard policy the file beside it.</summary>
public partial class ConformancePackTests
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex OrganizationRuleName();

    private static (YamlMappingNode Root, string Folder) Build(TempFolder temp, params string[] extra)
    {
        var folder = temp.Combine("out");
        var run = CliRunner.Invoke(["build", "policies", "-o", folder, .. extra]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Out + run.Error);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(folder, "config", "conformance-pack.yaml"))));
        return ((YamlMappingNode)yaml.Documents[0].RootNode, folder);
    }

    private static IEnumerable<(string Id, YamlMappingNode Resource)> Resources(YamlMappingNode root) =>
        ((YamlMappingNode)root["Resources"]).Children.Select(c => (((YamlScalarNode)c.Key).Value!, (YamlMappingNode)c.Value));

    private static string Scalar(YamlNode node, params string[] path) =>
        ((YamlScalarNode)path.Aggregate(node, (n, key) => ((YamlMappingNode)n)[key])).Value!;

    [Test]
    public void Pack_HoldsOnlyConfigRulesWithinConfigLimits_AndEachGuardPolicyIsItsFile()
    {
        using var temp = new TempFolder();
        var (root, folder) = Build(temp);

        Assert.That(root.Children.ContainsKey("Parameters"), Is.False, "no remediation, no parameters");
        var rules = Resources(root).ToList();
        Assert.That(rules, Has.Count.InRange(1, 130));
        foreach (var (id, resource) in rules)
        {
            Assert.That(Scalar(resource, "Type"), Is.EqualTo("AWS::Config::ConfigRule"), id);
            var name = Scalar(resource, "Properties", "ConfigRuleName");
            Assert.That(name, Does.Match(OrganizationRuleName()), id);
            Assert.That(Scalar(resource, "Properties", "Description").Length, Is.LessThanOrEqualTo(256), id);
            var owner = Scalar(resource, "Properties", "Source", "Owner");
            if (owner == "CUSTOM_POLICY")
            {
                var text = Scalar(resource, "Properties", "Source", "CustomPolicyDetails", "PolicyText");
                Assert.That(Scalar(resource, "Properties", "Source", "CustomPolicyDetails", "PolicyRuntime"), Is.EqualTo("guard-2.x.x"));
                Assert.That(text.Length, Is.LessThanOrEqualTo(ConfigEmitter.MaxPolicyText), name);
                Assert.That(text, Is.EqualTo(File.ReadAllText(Path.Combine(folder, "config", "rules", name + ".guard"))), "the pack's policy is the .guard file");
            }
            else
            {
                Assert.That(owner, Is.EqualTo("AWS"), id);
                Assert.That(ManagedRules.Exact.Select(m => m.Identifier), Does.Contain(Scalar(resource, "Properties", "Source", "SourceIdentifier")));
            }
        }
    }

    [TestCase("manual", "false")]
    [TestCase("automatic", "true")]
    public void Remediation_UsesOnlyListedRunbooks_OnRulesOfThePack(string mode, string automatic)
    {
        using var temp = new TempFolder();
        var (root, _) = Build(temp, "--remediation", mode);

        var resources = Resources(root).ToList();
        var ruleNames = resources.Where(r => Scalar(r.Resource, "Type") == "AWS::Config::ConfigRule").Select(r => Scalar(r.Resource, "Properties", "ConfigRuleName")).ToHashSet();
        var remediations = resources.Where(r => Scalar(r.Resource, "Type") == "AWS::Config::RemediationConfiguration").ToList();
        Assert.That(remediations.Select(r => Scalar(r.Resource, "Properties", "TargetId")), Is.EquivalentTo(new[] { "AWS-EnableS3BucketKeys", "AWSConfigRemediation-EnableKeyRotation" }));
        var parameters = ((YamlMappingNode)root["Parameters"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();
        foreach (var (id, remediation) in remediations)
        {
            Assert.That(ruleNames, Does.Contain(Scalar(remediation, "Properties", "ConfigRuleName")), id);
            Assert.That(Scalar(remediation, "Properties", "TargetType"), Is.EqualTo("SSM_DOCUMENT"));
            Assert.That(Scalar(remediation, "Properties", "Automatic"), Is.EqualTo(automatic));
            var role = ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)remediation["Properties"])["Parameters"])["AutomationAssumeRole"])["StaticValue"]["Values"])[0];
            Assert.That(parameters, Does.Contain(Scalar(role, "Ref")), "every Ref names a pack parameter");
        }
    }
}
