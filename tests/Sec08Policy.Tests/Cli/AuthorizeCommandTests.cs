using System.Text.Json;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Cli;

/// <summary><c>sec08 authorize</c>: both answers to a request, in text and JSON, for one request or a JSON Lines batch.</summary>
public class AuthorizeCommandTests
{
    private static readonly string[] s_readmeExample =
    [
        "authorize", "--policy", "policies",
        "--principal", "arn:aws:iam::111122223333:role/Analyst",
        "--principal-tag", "team=payments", "--principal-tag", "clearance=confidential", "--principal-tag", "employment=employee",
        "--action", "s3:GetObject",
        "--resource", "arn:aws:s3:::acme-payments/ledger.csv",
        "--resource-tag", "team=payments", "--resource-tag", "DataClassification=internal",
        "--context", "aws:PrincipalOrgID=o-a1b2c3d4e5", "--context", "aws:SourceVpce=vpce-0a1b2c3d4e5f60718",
    ];

    [Test]
    public void ReadmeExample_BothAnswersAllow_WithTheRuleAndTheStatement()
    {
        var run = CliRunner.Invoke(s_readmeExample);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Out, Is.EqualTo("""
            language:  Allowed by allow team_data_access: when (policies/access.sec08(13,7))
            documents: Allowed by iam/team_data_access.json #2 (TeamDataAccess2)
            the answers agree

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void ReadmeExample_WithoutOrganizationOrEndpoint_BothAnswersDenyByThePerimeter()
    {
        var run = CliRunner.Invoke([.. s_readmeExample.SkipLast(4)]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Out, Does.StartWith("language:  ExplicitlyDenied by perimeter acme.identity: the caller is outside the trusted organizations and accounts"));
        Assert.That(run.Out, Does.Contain("documents: ExplicitlyDenied by scp/1.json #1 (AcmeNetwork), rcp/1.json #1 (AcmeIdentity), rcp/1.json #2 (AcmeNetwork)"));
    }

    [Test]
    public void Json_NamesClausesAndStatements()
    {
        var run = CliRunner.Invoke([.. s_readmeExample, "--principal-tag", "team=analytics", "--resource-tag", "DataClassification=confidential", "--format", "json"]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var answer = JsonDocument.Parse(run.Out).RootElement.GetProperty("requests")[0];
        Assert.That(answer.GetProperty("language").GetProperty("decision").GetString(), Is.EqualTo("ExplicitlyDenied"));
        Assert.That(answer.GetProperty("language").GetProperty("clauses")[0].GetProperty("source").GetString(), Is.EqualTo("deny cross_team_access"));
        Assert.That(answer.GetProperty("documents").GetProperty("decision").GetString(), Is.EqualTo("ExplicitlyDenied"));
        Assert.That(answer.GetProperty("documents").GetProperty("statements")[0].GetProperty("document").GetString(), Is.EqualTo("iam/cross_team_access.json"));
        Assert.That(answer.GetProperty("documents").GetProperty("statements")[0].GetProperty("sid").GetString(), Is.EqualTo("CrossTeamAccess1"));
        Assert.That(answer.GetProperty("agree").GetBoolean(), Is.True);
    }

    [Test]
    public void Requests_DecidesEveryLine_AndCounts()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("requests.jsonl");
        File.WriteAllText(file, """
            {"principal":"arn:aws:iam::111122223333:role/DataPlatform","action":"kms:Decrypt","resource":"arn:aws:kms:eu-west-1:111122223333:alias/acme/confidential","context":{"kms:ViaService":"s3.eu-west-1.amazonaws.com","kms:CallerAccount":"111122223333","aws:PrincipalOrgID":"o-a1b2c3d4e5"}}

            {"principal":"arn:aws:iam::111122223333:role/B","action":"ec2:CreateVolume","resource":"arn:aws:ec2:eu-west-1:111122223333:volume/*","request_tags":{"DataClassification":"internal","team":"payments"},"context":{"ec2:Encrypted":"false"}}
            """);

        var run = CliRunner.Invoke("authorize", "--policy", "policies", "--requests", file);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Out + run.Error);
        Assert.That(run.Out, Does.Contain($"{file}:3: arn:aws:iam::111122223333:role/B ec2:CreateVolume"));
        Assert.That(run.Out, Does.Contain("language:  ExplicitlyDenied by encryption_at_rest.1: ebs Unencrypted: ec2:Encrypted is false"));
        Assert.That(run.Out, Does.Contain("language:  Allowed by key confidential_data: users"));
        Assert.That(run.Out, Does.EndWith("2 requests: 2 agree, 0 disagree\n"));
    }

    [TestCase("{\"principal\":\"arn:aws:iam::111122223333:role/A\",\"action\":\"s3:GetObjectz\",\"resource\":\"arn:aws:s3:::b/k\"}", "(2,1): error: `action`: `s3:GetObjectz` is not an action", TestName = "Requests_UnknownAction_NamesTheLine")]
    [TestCase("{\"principal\":\"arn:aws:iam::111122223333:role/A\",", "(2,", TestName = "Requests_BrokenJson_NamesTheLine")]
    [TestCase("{\"principal\":\"arn:aws:iam::111122223333:role/A\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\",\"tags\":{}}", "(2,1): error: `tags` is not a request field", TestName = "Requests_UnknownField_NamesTheLine")]
    public void Requests_BadLine_Exit3_NothingDecided(string line, string expected)
    {
        using var temp = new TempFolder();
        var file = temp.Combine("requests.jsonl");
        File.WriteAllText(file, "{\"principal\":\"arn:aws:iam::111122223333:role/A\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\"}\n" + line + "\n");

        var run = CliRunner.Invoke("authorize", "--policy", "policies", "--requests", file);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain(file + expected));
        Assert.That(run.Out, Is.Empty);
    }

    [TestCase("--principal", "not-an-arn", "`--principal`: `not-an-arn` is not the ARN", TestName = "MalformedPrincipal_Exit3_NamesTheArgument")]
    [TestCase("--action", "s3:GetObjectz", "`--action`: `s3:GetObjectz` is not an action", TestName = "UnknownAction_Exit3_NamesTheArgument")]
    [TestCase("--resource", "bucket/key", "`--resource`: `bucket/key` is not an ARN", TestName = "MalformedResource_Exit3_NamesTheArgument")]
    [TestCase("--context", "s3:NoSuchKey=1", "`--context`: `s3:NoSuchKey` is neither a global condition key", TestName = "UnknownContextKey_Exit3_NamesTheArgument")]
    [TestCase("--principal-tag", "team", "--principal-tag takes KEY=VALUE with a non-empty KEY, not `team`", TestName = "TagWithoutValue_Exit3_NamesTheArgument")]
    public void BadArgument_Exit3(string option, string value, string expected)
    {
        var args = s_readmeExample.ToList();
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var run = CliRunner.Invoke([.. args]);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain(expected));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public void RequestsAndRequestOptions_Exit3()
    {
        var run = CliRunner.Invoke("authorize", "--policy", "policies", "--requests", "x.jsonl", "--action", "s3:GetObject");

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("not both"));
    }
}
