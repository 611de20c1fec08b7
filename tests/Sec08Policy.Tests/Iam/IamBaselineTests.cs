using System.Collections.Immutable;
using Sec08Policy.Compiler;
using Sec08Policy.Compiler.Emit;
using Sec08Policy.Engine.Iam;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Iam;

/// <summary>The documents <c>sec08 build</c> writes for the baseline, decided as docs/iam-engine.md shows.</summary>
public class IamBaselineTests
{
    private static readonly Lazy<Dictionary<string, IamPolicyDocument>> s_documents = new(() =>
    {
        var compilation = Compilation.Create(PolicySetLoader.Load([RepoPaths.Policies]).Trees, TestPolicies.Options);
        var emitted = compilation.Emit(new EmitOptions());
        Assert.That(emitted.Success, Is.True);
        return emitted.Artifacts
            .Where(a => a.Path.StartsWith("iam/", StringComparison.Ordinal) || a.Path.StartsWith("kms/", StringComparison.Ordinal) || a.Path.StartsWith("scp/", StringComparison.Ordinal))
            .ToDictionary(
                a => a.Path,
                a => IamPolicyDocument.Parse(a.Content, a.Path[..3] switch { "kms" => IamPolicyKind.KeyPolicy, "scp" => IamPolicyKind.ServiceControl, _ => IamPolicyKind.Identity }, a.Path).Document!);
    });

    private static IamPolicySet Set(string identity, string key) => new()
    {
        IdentityPolicies = [s_documents.Value[identity]],
        ServiceControlPolicies =
        [
            new IamPolicyLevel("root", [IamPolicyDocument.FullAwsAccess]),
            new IamPolicyLevel("account", [IamPolicyDocument.FullAwsAccess, s_documents.Value["scp/1.json"]]),
        ],
        ResourcePolicy = s_documents.Value[key],
    };

    private static IamRequest Decrypt(string principal, ImmutableDictionary<string, ImmutableArray<string>> context) => new()
    {
        Principal = IamPrincipal.Parse(principal),
        Action = "kms:Decrypt",
        Resource = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        PrincipalTags = ImmutableDictionary<string, string>.Empty.Add("team", "payments").Add("clearance", "restricted").Add("employment", "employee"),
        ResourceTags = ImmutableDictionary<string, string>.Empty.Add("team", "payments").Add("DataClassification", "confidential"),
        // A principal of the organization on the corporate endpoint, as AWS describes such a caller: the baseline's
        // perimeter denies callers without them in the key policies.
        Context = context.SetItem("aws:PrincipalOrgID", ["o-a1b2c3d4e5"]).SetItem("aws:SourceVpce", ["vpce-0a1b2c3d4e5f60718"]),
        Time = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero),
    };

    [Test]
    public void DocsExample_KeyUserThroughS3_IsAllowedByTheKeyPolicy()
    {
        var set = Set("iam/team_data_access.json", "kms/confidential_data.json");
        var throughS3 = ImmutableDictionary<string, ImmutableArray<string>>.Empty.Add("kms:ViaService", ["s3.eu-west-1.amazonaws.com"]);
        Assert.That(set.Decide(Decrypt("arn:aws:iam::111122223333:role/DataPlatform", throughS3)).ToString(), Is.EqualTo("Allowed by kms/confidential_data.json #3 (AllowUseOfTheKey)"));
    }

    [Test]
    public void TeamRule_GrantsATaggedRoleThroughTheKeyPolicysDelegation()
    {
        var set = Set("iam/team_data_access.json", "kms/confidential_data.json");
        var throughS3 = ImmutableDictionary<string, ImmutableArray<string>>.Empty.Add("kms:ViaService", ["s3.eu-west-1.amazonaws.com"]);
        var decision = set.Decide(Decrypt("arn:aws:iam::111122223333:role/Analyst", throughS3));
        Assert.That(decision.Statements.Select(s => s.ToString()), Is.EqualTo(new[] { "kms/confidential_data.json #1 (EnableIamPolicies)", "iam/team_data_access.json #4 (TeamDataAccess4)" }));
    }

    [Test]
    public void TeamRule_DoesNotBypassTheKeysUsableVia()
    {
        var set = Set("iam/team_data_access.json", "kms/confidential_data.json");
        var decision = set.Decide(Decrypt("arn:aws:iam::111122223333:role/Analyst", ImmutableDictionary<string, ImmutableArray<string>>.Empty));
        Assert.That(decision.ToString(), Does.StartWith("ExplicitlyDenied by kms/confidential_data.json #5 (DenyUseOutsideServices)"));
    }
}
