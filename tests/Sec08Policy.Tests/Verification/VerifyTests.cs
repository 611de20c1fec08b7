using Sec08Policy.Compiler;
using Sec08Policy.Compiler.Emit;
using Sec08Policy.Engine.Access;
using Sec08Policy.Engine.Iam;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Verification;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Verification;

/// <summary>
/// The compiled documents decide as the language does over the boundary of every rule, key and preventive
/// requirement: for the baseline and every build case that builds, and a tampered build is caught.
/// </summary>
public class VerifyTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static (PolicySet Policy, CompiledDocuments Documents) Build(Compilation compilation, Func<Artifact, bool>? keep = null)
    {
        var emitted = compilation.Emit(new EmitOptions());
        Assert.That(emitted.Success, Is.True, string.Join('\n', emitted.Diagnostics));
        return (compilation.Lower()!, CompiledDocuments.From(emitted.Artifacts.Where(keep ?? (_ => true)).Select(a => (a.Path, a.Content))));
    }

    private static string Describe(VerificationResult result) =>
        string.Join('\n', result.Disagreements.Take(5).Select(d => $"{d.Request.Principal} {d.Request.Action} {d.Request.Resource}: language {d.Language.Outcome}, documents {d.Documents}"));

    [Test]
    public void Baseline_EveryBoundaryClassAgrees()
    {
        var (policy, documents) = Build(Compilation.Create(PolicySetLoader.Load([RepoPaths.Policies]).Trees, TestPolicies.Options));

        var result = Verifier.Verify(policy, documents, s_now);

        Assert.That(result.Disagreements, Is.Empty, Describe(result));
        Assert.That(result.Checked, Is.GreaterThan(10_000));
    }

    private static IEnumerable<TestCaseData> BuildCases() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Cases, "build"), "*.sec08")
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileName(f)).SetName($"BuildCase_EveryBoundaryClassAgrees({Path.GetFileNameWithoutExtension(f)})"));

    [TestCaseSource(nameof(BuildCases))]
    public void BuildCase_EveryBoundaryClassAgrees(string file)
    {
        var compilation = TestPolicies.Compile(File.ReadAllText(Path.Combine(RepoPaths.Cases, "build", file)), file);
        if (compilation.GetDiagnostics().Any(d => d.IsError) || !compilation.Emit(new EmitOptions()).Success)
        {
            Assert.Pass("the case does not build, so there is nothing to verify");
        }

        var (policy, documents) = Build(compilation);
        var result = Verifier.Verify(policy, documents, s_now);

        Assert.That(result.Disagreements, Is.Empty, Describe(result));
        if (!policy.AccessRules.IsEmpty || !policy.Keys.IsEmpty)
        {
            Assert.That(result.Checked, Is.GreaterThan(0), "a policy with access rules or keys has classes to check");
        }
    }

    [Test]
    public void MissingDocument_IsCaught_WithTheRuleAndBothDecisions()
    {
        var (policy, documents) = Build(
            Compilation.Create(PolicySetLoader.Load([RepoPaths.Policies]).Trees, TestPolicies.Options),
            a => a.Path != "iam/cross_team_access.json");

        var result = Verifier.Verify(policy, documents, s_now);

        Assert.That(result.Disagreements, Is.Not.Empty);
        Assert.That(result.Disagreements.Select(d => (d.Language.Outcome, d.Documents.Outcome)).Distinct(), Does.Contain((AccessOutcome.ExplicitlyDenied, IamDecisionOutcome.ImplicitlyDenied)));
        Assert.That(result.Disagreements.SelectMany(d => d.Language.Clauses).Select(c => c.Source), Does.Contain("deny cross_team_access"));
    }

    [Test]
    public void NonLevelValues_FailClosed_InTheLanguageAndTheDocuments()
    {
        var compilation = TestPolicies.Compile("""
            policy "p" { account "111122223333" }

            classification C {
              tag "DataClassification"
              levels public < internal < confidential < restricted
              default internal
            }

            deny low_clearance {
              actions dynamodb:GetItem
              when principal.tag.clearance < resource.classification
            }
            """);
        var (policy, documents) = Build(compilation);
        var authorizer = new Authorizer(policy, documents);

        var pair = authorizer.Decide(new AccessRequest
        {
            Principal = "arn:aws:iam::111122223333:role/R",
            Action = "dynamodb:GetItem",
            Resource = "arn:aws:dynamodb:eu-west-1:111122223333:table/t",
            PrincipalTags = new Dictionary<string, string> { ["clearance"] = "top" },
            ResourceTags = new Dictionary<string, string> { ["DataClassification"] = "secret" },
            Time = s_now,
        });

        Assert.That(pair.Language.Outcome, Is.EqualTo(AccessOutcome.ExplicitlyDenied));
        Assert.That(pair.Documents.Outcome, Is.EqualTo(IamDecisionOutcome.ExplicitlyDenied), pair.Documents.ToString());
        Assert.That(Verifier.Verify(policy, documents, s_now).Disagreements, Is.Empty);
    }
}
