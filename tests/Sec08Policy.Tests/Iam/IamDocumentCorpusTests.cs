using Sec08Policy.Compiler;
using Sec08Policy.Compiler.Emit;
using Sec08Policy.Engine.Iam;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Iam;

/// <summary>
/// Real documents parse without a problem: AWS's published SCP examples (the shared corpus) and every IAM policy,
/// key policy and SCP that <c>sec08 build</c> writes for the baseline and for each build case.
/// </summary>
public class IamDocumentCorpusTests
{
    private static readonly string ScpExamples = Path.Combine(RepoPaths.Root, "..", "shared", "corpus", "scp-examples");

    /// <summary>
    /// The two examples that are templates rather than policies as published: one holds a comment, which IAM rejects
    /// (the file says so itself); one holds a placeholder where an IP address belongs. Each gives exactly its problem.
    /// </summary>
    private static readonly Dictionary<string, (int Line, int Column, string Message)> s_templates = new()
    {
        ["Service-specific-controls/AWS-IAM/deny-service-specific-credential-by-type.json"] = (15, 13, "malformed JSON: '/' is invalid after a value. Expected either ',', '}', or ']'"),
        ["Protect-cloud-platform-resource/Deny-use-of-IAM-user-credentials-from-unexpected-networks.json"] = (30, 25, "`<my-corporate-cidr>` is not an IPv4 or IPv6 address or CIDR block (NotIpAddressIfExists)"),
    };

    public static IEnumerable<TestCaseData> BuildCases() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Cases, "build"), "*.sec08")
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(path).SetName("BuildDocuments_Parse_" + Path.GetFileNameWithoutExtension(path)))
            .Append(new TestCaseData(RepoPaths.Policies).SetName("BuildDocuments_Parse_baseline"));

    [Test]
    public void ScpExamples_ParseWithoutProblems()
    {
        if (!Directory.Exists(ScpExamples))
        {
            Assert.Ignore($"the shared corpus is not beside the repository ({ScpExamples}); it holds AWS's published SCP examples");
        }

        var files = Directory.EnumerateFiles(ScpExamples, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.That(files, Has.Count.GreaterThan(50));
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(ScpExamples, file).Replace('\\', '/');
            var result = IamPolicyDocument.Parse(File.ReadAllBytes(file), IamPolicyKind.ServiceControl, relative);
            if (s_templates.TryGetValue(relative, out var expected))
            {
                Assert.That(result.Problems.Select(p => (p.Line, p.Column, p.Message)), Is.EqualTo(new[] { expected }), relative);
            }
            else
            {
                Assert.That(result.Problems, Is.Empty, relative);
                Assert.That(result.Document!.Statements, Is.Not.Empty, relative);
            }
        }
    }

    [TestCaseSource(nameof(BuildCases))]
    public void BuildDocuments_Parse(string input)
    {
        var loaded = PolicySetLoader.Load([input]);
        var compilation = Compilation.Create(loaded.Trees, TestPolicies.Options);
        var argsFile = Path.ChangeExtension(input, ".args");
        var emitted = compilation.Emit(File.Exists(argsFile) ? Options(File.ReadAllText(argsFile)) : new EmitOptions());
        if (!emitted.Success)
        {
            Assert.That(emitted.Artifacts, Is.Empty);
            Assert.Pass("the case does not build, so it writes no document");
        }

        var documents = emitted.Artifacts.Where(a => Kind(a.Path) is not null).ToList();
        foreach (var artifact in documents)
        {
            var result = IamPolicyDocument.Parse(artifact.Content, Kind(artifact.Path)!.Value, artifact.Path);
            Assert.That(result.Problems, Is.Empty, artifact.Path);
        }
    }

    private static IamPolicyKind? Kind(string path) => path.Split('/')[0] switch
    {
        "iam" => IamPolicyKind.Identity,
        "kms" => IamPolicyKind.KeyPolicy,
        "scp" => IamPolicyKind.ServiceControl,
        "rcp" => IamPolicyKind.ResourceControl,
        _ => null,
    };

    private static EmitOptions Options(string args)
    {
        var words = args.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var options = new EmitOptions();
        for (var i = 0; i + 1 < words.Length; i += 2)
        {
            var value = int.Parse(words[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            options = words[i] switch
            {
                "--scp-max-chars" => options with { ScpMaxCharacters = value },
                "--scp-max-count" => options with { ScpMaxCount = value },
                _ => throw new InvalidOperationException($"unknown build option {words[i]} in a case's .args"),
            };
        }

        return options;
    }
}
