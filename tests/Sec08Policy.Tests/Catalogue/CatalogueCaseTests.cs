using Sec08Policy.Compiler;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Resources;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Catalogue;

/// <summary>
/// For every type of the resource catalogue, Cases/catalogue/TYPE holds a compliant and a non-compliant resource in each
/// input form that can describe the type (cloudformation.yaml, terraform.json, config.json, inventory.json), written
/// from the AWS and provider documentation rather than from the catalogue's own paths. Each is evaluated against
/// policy.sec08 (every service encrypted, under a customer-managed key; keys rotated): the compliant one passes, the
/// non-compliant one fails, and the folder's report matches its golden file. A form the catalogue declares as unable
/// to show encryption holds a resource named `nothing` (nothing to check) or `unknown` instead.
/// </summary>
public class CatalogueCaseTests
{
    private static readonly string s_root = Path.Combine(RepoPaths.Cases, "catalogue");
    private static readonly Lazy<PolicySet> s_policy = new(() =>
        Compilation.Create([SyntaxTree.Parse(File.ReadAllText(Path.Combine(s_root, "policy.sec08")), "policy.sec08")], TestPolicies.Options).Lower()!);

    private static readonly (InputForm Form, string File)[] s_files =
    [
        (InputForm.CloudFormation, "cloudformation.yaml"),
        (InputForm.Terraform, "terraform.json"),
        (InputForm.Config, "config.json"),
        (InputForm.Inventory, "inventory.json"),
    ];

    public static string Folder(ResourceEntry entry) => entry.Type.Replace("AWS::", string.Empty, StringComparison.Ordinal).Replace("::", "-", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>Every entry but aliases, which no requirement checks.</summary>
    public static IEnumerable<TestCaseData> Entries() =>
        ResourceCatalog.Default.Entries.Where(e => e.Kind != ResourceKind.KmsAlias).Select(e => new TestCaseData(e.Type).SetName("Catalogue_" + Folder(e)));

    [TestCaseSource(nameof(Entries))]
    public void Catalogue_Type_HasACompliantAndANonCompliantCaseInEveryForm(string type)
    {
        var entry = ResourceCatalog.Default.Find(type)!;
        var folder = Path.Combine(s_root, Folder(entry));
        Assert.That(Directory.Exists(folder), Is.True, $"{folder} is missing");

        foreach (var (form, file) in s_files)
        {
            var path = Path.Combine(folder, file);
            var expected = Spec(entry, form);
            Assert.That(File.Exists(path), Is.EqualTo(expected is not null), $"{Folder(entry)}/{file}: {(expected is null ? "the catalogue does not describe this form" : "missing")}");
            if (expected is null)
            {
                continue;
            }

            var input = InputLoader.Load(path);
            var result = new Evaluator(s_policy.Value, new EvaluationOptions(CliRunner.Today)).Evaluate(input.Resources);
            var ofType = input.Resources.Where(r => r.Type == entry.Type).ToList();
            Assert.That(ofType, Is.Not.Empty, $"{file} holds no {entry.Type}");
            foreach (var resource in ofType)
            {
                var findings = result.Findings.Where(f => ReferenceEquals(f.Resource, resource)).ToList();
                Check(entry, form, expected, CaseName(resource), findings, $"{Folder(entry)}/{file} `{resource.Id}`");
            }

            var names = ofType.Select(CaseName).ToHashSet(StringComparer.Ordinal);
            string[] wanted = expected switch
            {
                NoDataSpec => ["nothing"],
                UnknownSpec => ["unknown"],
                _ => ["compliant", "noncompliant"],
            };
            Assert.That(names, Is.SupersetOf(wanted), $"{Folder(entry)}/{file}");
        }

        var report = CliRunner.Invoke("eval", "--policy", "tests/Sec08Policy.Tests/Cases/catalogue/policy.sec08", "--input", $"tests/Sec08Policy.Tests/Cases/catalogue/{Folder(entry)}", "--fail-on", "none");
        Assert.That(report.ExitCode, Is.EqualTo(0), report.Error);
        Golden.AssertMatches(Path.Combine(folder, "report.txt"), report.Out);
    }

    [Test]
    public void Catalogue_CaseFolders_EachNameAnEntry()
    {
        var folders = Directory.EnumerateDirectories(s_root).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var entries = ResourceCatalog.Default.Entries.Where(e => e.Kind != ResourceKind.KmsAlias).Select(Folder).Order(StringComparer.Ordinal).ToList();

        Assert.That(folders, Is.EqualTo(entries));
    }

    [Test]
    public void Catalogue_Policy_NamesEveryService()
    {
        var named = s_policy.Value.Rules.SelectMany(r => r.Services).ToHashSet(StringComparer.Ordinal);

        Assert.That(named, Is.SupersetOf(ResourceCatalog.Default.Services.Select(s => s.Name)));
    }

    /// <summary>What the catalogue says about the form: its encryption spec, a stand-in for keys and settings, or null.</summary>
    private static EncryptionSpec? Spec(ResourceEntry entry, InputForm form)
    {
        if (form == InputForm.Inventory)
        {
            // A type that never stores data (a backup plan) is inventoried as storing nothing.
            return entry.CloudFormation?.Encryption is NoDataSpec nothing ? nothing : UnencryptedSpec.Instance;
        }

        var given = form switch
        {
            InputForm.CloudFormation => entry.CloudFormation is null ? null : entry.CloudFormation.Encryption ?? UnencryptedSpec.Instance,
            InputForm.Terraform => entry.Terraform.IsEmpty ? null : entry.Terraform[0].Encryption ?? UnencryptedSpec.Instance,
            _ => entry.Config is null ? null : entry.Config.Encryption ?? (entry.Kind == ResourceKind.DataStore ? null : UnencryptedSpec.Instance),
        };
        return given;
    }

    private static void Check(ResourceEntry entry, InputForm form, EncryptionSpec spec, string name, List<Finding> findings, string what)
    {
        switch (name)
        {
            case "nothing":
                Assert.That(findings, Is.Empty, $"{what}: nothing to check");
                break;
            case "unknown":
                Assert.That(findings, Is.Not.Empty, what);
                Assert.That(findings.Select(f => f.Verdict), Has.All.EqualTo(Verdict.Unknown), what);
                break;
            case "compliant":
                var encrypted = findings.Where(f => f.Rule.Requirement != "customer_keys" || CanNameKey(entry, form)).ToList();
                Assert.That(encrypted, Is.Not.Empty, what);
                Assert.That(encrypted.Select(f => f.Verdict), Has.All.EqualTo(Verdict.Pass), $"{what}: {string.Join("; ", findings.Select(f => $"{f.Rule.Id} {f.Verdict} {f.Reason}"))}");
                break;
            case "noncompliant":
                Assert.That(findings.Select(f => f.Verdict), Has.Some.EqualTo(Verdict.Fail), $"{what}: {string.Join("; ", findings.Select(f => $"{f.Rule.Id} {f.Verdict} {f.Reason}"))}");
                Assert.That(findings.Select(f => f.Verdict), Has.None.EqualTo(Verdict.Unknown), what);
                break;
            default:
                break;
        }
    }

    /// <summary>Whether the form can name a KMS key at all (a launch configuration cannot; a DAX cluster uses a key AWS owns).</summary>
    private static bool CanNameKey(ResourceEntry entry, InputForm form) =>
        form == InputForm.Inventory || entry.Kind != ResourceKind.DataStore || Spec(entry, form) is { } spec && NamesKey(spec);

    private static bool NamesKey(EncryptionSpec spec) => spec switch
    {
        KmsSpec kms => kms.Key is not null,
        SwitchSpec s => s.Cases.Any(c => NamesKey(c.Then)) || new[] { s.Present, s.Absent, s.Other }.OfType<EncryptionSpec>().Any(NamesKey),
        AllSpec all => all.Parts.Any(NamesKey),
        EachSpec each => NamesKey(each.Item) || NamesKey(each.Empty),
        _ => false,
    };

    /// <summary>The case a resource stands for: the last part of its ID (`Compliant`, `aws_sqs_queue.compliant`, `compliant`).</summary>
    private static string CaseName(Resource resource) =>
        resource.Id[(resource.Id.LastIndexOfAny(['.', '/', ':']) + 1)..].ToLowerInvariant();
}
