using System.Text.Json.Nodes;
using Sec08Policy.Collector;
using Sec08Policy.Engine.Resources;
using Sec08Policy.Tests.Infrastructure;
using static Sec08Policy.Tests.Collect.ReplayFixtures;

namespace Sec08Policy.Tests.Collect;

/// <summary>
/// Replay tests of the types read through their service's own API (DAX, FSx, Glue security configurations, DLM
/// policies): each API's wire format and signature, paging, throttling, malformed answers kept to their type and
/// Region, the CloudFormation shape the catalogue reads, and what eval makes of it.
/// </summary>
public class ServiceApiReplayTests
{
    private const string Dax = "AWS::DAX::Cluster";
    private const string Fsx = "AWS::FSx::FileSystem";
    private const string Glue = "AWS::Glue::SecurityConfiguration";
    private const string Dlm = "AWS::DLM::LifecyclePolicy";
    private static readonly string[] s_types = [Dax, Fsx, Glue, Dlm];

    private static List<Resource> OfType(CollectResult result, string type, string region = "eu-west-1") =>
        [.. result.Resources.Where(r => r.Type == type && r.Region.ValueOrDefault == region)];

    [TestCase(Dax, "dax", "POST", "/", "AmazonDAXV3.DescribeClusters", "application/x-amz-json-1.1")]
    [TestCase(Dax, "dax", "POST", "/", "AmazonDAXV3.ListTags", "application/x-amz-json-1.1")]
    [TestCase(Fsx, "fsx", "POST", "/", "AWSSimbaAPIService_v20180301.DescribeFileSystems", "application/x-amz-json-1.1")]
    [TestCase(Glue, "glue", "POST", "/", "AWSGlue.GetSecurityConfigurations", "application/x-amz-json-1.1")]
    [TestCase(Dlm, "dlm", "GET", "/policies", null, null)]
    [TestCase(Dlm, "dlm", "GET", "/policies/policy-0bbb", null, null)]
    public async Task ServiceApi_Replay_SpeaksEachApisWireFormat(string type, string service, string method, string path, string? target, string? contentType)
    {
        using var server = ServiceApiFixtures.Server();

        var result = await new AwsCollector(Options(server, "eu-west-1")).CollectAsync();

        Assert.That(result.Errors, Is.Empty);
        Assert.That(OfType(result, type), Has.Count.EqualTo(3));
        var requests = server.Requests.Where(r => r.Method == method && r.Path == path && r.Target == target).ToList();
        Assert.That(requests, Is.Not.Empty);
        Assert.That(requests.Select(r => (r.ContentType, r.SigningService, r.Region)), Has.All.EqualTo((contentType, service, "eu-west-1")), "the body's type and the SigV4 credential scope's service");
        Assert.That(server.Requests.Where(r => r.SigningService == service).Select(r => r.Method), Has.All.EqualTo(method), "one protocol per service");
    }

    [TestCase("dax:DescribeClusters", Dax, 2, Description = "three clusters, two pages")]
    [TestCase("dax:ListTags", Dax, 3, Description = "one page per cluster")]
    [TestCase("fsx:DescribeFileSystems", Fsx, 2)]
    [TestCase("glue:GetSecurityConfigurations", Glue, 2)]
    [TestCase("dlm:GetLifecyclePolicies", Dlm, 1, Description = "unpaged")]
    [TestCase("dlm:GetLifecyclePolicy", Dlm, 3, Description = "one per policy")]
    public async Task ServiceApi_Replay_ReadsEveryPageAfterThrottling(string operation, string type, int calls)
    {
        using var server = ServiceApiFixtures.Server();
        server.Throttle(operation, 1);

        var result = await new AwsCollector(Options(server, "eu-west-1")).CollectAsync();

        Assert.That(result.Errors, Is.Empty);
        Assert.That(OfType(result, type), Has.Count.EqualTo(3));
        Assert.That(OfType(result, type).Select(r => r.Tags.IsKnown), Has.All.True);
        Assert.That(server.Log.Count(l => l == $"{operation} eu-west-1"), Is.EqualTo(calls + 1), "every page, and the throttled call once more");
    }

    [TestCase("dax:DescribeClusters", Dax, false)]
    [TestCase("dax:ListTags", Dax, true)]
    [TestCase("fsx:DescribeFileSystems", Fsx, false)]
    [TestCase("glue:GetSecurityConfigurations", Glue, false)]
    [TestCase("dlm:GetLifecyclePolicies", Dlm, false)]
    [TestCase("dlm:GetLifecyclePolicy", Dlm, true)]
    public async Task ServiceApi_Replay_MalformedAnswerFailsThatTypeInThatRegionOnly(string operation, string type, bool listed)
    {
        using var server = ServiceApiFixtures.Server();
        server.MalformedAnswers.Add($"{operation} eu-west-1");

        var result = await new AwsCollector(Options(server, "eu-west-1", "eu-north-1")).CollectAsync();

        var error = result.Errors.Single();
        Assert.That((error.Account, error.Region, error.Service), Is.EqualTo((Account, "eu-west-1", type)), "reported once, for the type and Region");
        Assert.That(error.Message, Does.StartWith($"{operation} failed: malformed answer: the answer is not JSON"));
        Assert.That(OfType(result, type, "eu-north-1"), Has.Count.EqualTo(1), "the other Region is read");
        Assert.That(s_types.Where(t => t != type).Select(t => OfType(result, t).Count), Has.All.EqualTo(3), "the other types are read");
        var kept = OfType(result, type);
        if (!listed)
        {
            Assert.That(kept, Is.Empty, "a listing that fails leaves out what it would have listed");
        }
        else if (operation == "dax:ListTags")
        {
            Assert.That(kept, Has.Count.EqualTo(3), "the clusters are kept");
            Assert.That(kept.Where(r => !r.Id.EndsWith("new-cache", StringComparison.Ordinal)).Select(r => r.Encryption!.Enabled.IsKnown), Has.All.True, "DescribeClusters told their encryption");
            Assert.That(kept.Select(r => r.Tags.UnknownReason), Has.All.StartWith("dax:ListTags failed: malformed answer"));
        }
        else
        {
            Assert.That(kept, Has.Count.EqualTo(3), "listed, so kept");
            Assert.That(kept.Select(r => r.Encryption!.Enabled.UnknownReason), Has.All.StartWith("dlm:GetLifecyclePolicy failed: malformed answer"));
            Assert.That(kept.Select(r => r.Id), Is.EquivalentTo(new[] { "policy-0aaa", "policy-0bbb", "policy-0ccc" }.Select(id => $"{Account}/eu-west-1/{Dlm}/{id}")));
        }
    }

    [Test]
    public async Task ServiceApi_Replay_AnswersBecomeTheCloudFormationShapeTheCatalogueReads()
    {
        using var server = ServiceApiFixtures.Server();

        var result = await new AwsCollector(Options(server, "eu-west-1")).CollectAsync();

        var orders = Find(result.Resources, ":cache/orders-cache");
        Assert.That((orders.Encryption!.Enabled.Value, orders.Encryption.KeyManager.Value), Is.EqualTo((true, (KeyManager?)KeyManager.AwsOwned)), "DAX encrypts with a key AWS owns");
        Assert.That(orders.Tags.Value["DataClassification"], Is.EqualTo("confidential"), "tags from ListTags");
        Assert.That(orders.Position.ToString(), Is.EqualTo($"aws://{Account}/eu-west-1/{Dax}(1,1)"));
        Assert.That(Find(result.Resources, ":cache/legacy-cache").Encryption!.Enabled.Value, Is.False);
        var changing = Find(result.Resources, ":cache/new-cache").Encryption!.Enabled;
        Assert.That(changing.IsKnown, Is.False, "ENABLING is not yet encrypted");
        Assert.That(changing.UnknownReason, Does.Contain("`ENABLING`"));

        Assert.That(Find(result.Resources, "file-system/fs-0aws").Encryption!.ResolvedKey, Is.EqualTo(ServiceApiFixtures.FsxKey));
        Assert.That(Find(result.Resources, "file-system/fs-0aws").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.AwsManaged), "linked to the collected aws/fsx key");
        Assert.That(Find(result.Resources, "file-system/fs-0cmk").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.Customer));
        Assert.That(Find(result.Resources, "file-system/fs-0none").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.AwsManaged), "no key: aws/fsx");
        Assert.That(Find(result.Resources, "file-system/fs-0cmk").Tags.Value["DataClassification"], Is.EqualTo("confidential"));

        var glue = Find(result.Resources, $"{Glue}/all-kms");
        Assert.That((glue.Encryption!.Enabled.Value, glue.Encryption.KeyManager.Value), Is.EqualTo((true, (KeyManager?)KeyManager.Customer)), "S3Encryption read as S3Encryptions");
        Assert.That(glue.Arn.UnknownReason, Is.EqualTo($"glue:GetSecurityConfigurations does not give the ARN of {Glue}"));
        Assert.That(Find(result.Resources, $"{Glue}/s3-off").Encryption!.Enabled.Value, Is.False);
        Assert.That(Find(result.Resources, $"{Glue}/s3-sse").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.AwsOwned), "the weakest part decides");

        var copied = Find(result.Resources, ":policy/policy-0aaa");
        Assert.That(copied.Encryption!.Enabled.Value, Is.True);
        Assert.That(copied.Tags.Value["DataClassification"], Is.EqualTo("confidential"), "the tag map read as CloudFormation's list");
        Assert.That(Find(result.Resources, ":policy/policy-0bbb").Encryption!.Enabled.Value, Is.False);
        Assert.That(Find(result.Resources, ":policy/policy-0ccc").NothingStored, Is.EqualTo("the policy makes no cross-Region copies"));
    }

    [Test]
    public void CollectCommand_Replay_EvalFailsTheUnencryptedAndPassesTheEncrypted()
    {
        using var server = ServiceApiFixtures.Server();
        using var temp = new TempFolder();
        var policy = temp.Combine("policy.sec08");
        File.WriteAllText(policy, "require stored_encrypted for dax, fsx, glue, dlm { encrypted severity high }\n");
        var inventory = temp.Combine("inventory.json");

        var collect = CliRunner.Invoke(Replay, "collect", "--endpoint-url", server.Endpoint, "--region", "eu-west-1", "-o", inventory);
        var eval = CliRunner.Invoke("eval", "--policy", policy, "--input", inventory, "--format", "json", "--fail-on", "none");
        var live = CliRunner.Invoke(Replay, "eval", "--policy", policy, "--live", "--endpoint-url", server.Endpoint, "--region", "eu-west-1", "--format", "json", "--fail-on", "none");

        Assert.That(collect.ExitCode, Is.EqualTo(0), collect.Error);
        Assert.That(eval.ExitCode, Is.EqualTo(0), eval.Error);
        var verdicts = JsonNode.Parse(eval.Out)!["resources"]!.AsArray().ToDictionary(
            r => r!["id"]!.GetValue<string>(),
            r => r!["passed"]!.AsArray().Count > 0 ? "pass" : r["findings"]!.AsArray().SingleOrDefault()?["verdict"]!.GetValue<string>() ?? "not applicable");
        string Verdict(string suffix) => verdicts.Single(v => v.Key.EndsWith(suffix, StringComparison.Ordinal)).Value;
        Assert.Multiple(() =>
        {
            Assert.That(Verdict(":cache/orders-cache"), Is.EqualTo("pass"));
            Assert.That(Verdict(":cache/legacy-cache"), Is.EqualTo("fail"));
            Assert.That(Verdict(":cache/new-cache"), Is.EqualTo("unknown"));
            Assert.That(Verdict("file-system/fs-0aws"), Is.EqualTo("pass"), "FSx under aws/fsx");
            Assert.That(Verdict("file-system/fs-0cmk"), Is.EqualTo("pass"));
            Assert.That(Verdict("file-system/fs-0none"), Is.EqualTo("pass"));
            Assert.That(Verdict($"{Glue}/all-kms"), Is.EqualTo("pass"));
            Assert.That(Verdict($"{Glue}/s3-off"), Is.EqualTo("fail"), "S3 encryption DISABLED");
            Assert.That(Verdict(":policy/policy-0aaa"), Is.EqualTo("pass"));
            Assert.That(Verdict(":policy/policy-0bbb"), Is.EqualTo("fail"), "a cross-Region copy with Encrypted false");
        });
        Assert.That(live.ExitCode, Is.EqualTo(0), live.Error);
        Assert.That(JsonNode.Parse(live.Out)!["summary"]!.ToJsonString(), Is.EqualTo(JsonNode.Parse(eval.Out)!["summary"]!.ToJsonString()), "eval --live decides as eval on the inventory");
    }

    [Test]
    public void EvalLive_Replay_APolicyNotReadStaysUnknownWithEbsEncryptionByDefaultOn()
    {
        // EBS encryption by default decides copies a policy leaves to deployment, never a policy that could not be read.
        using var server = ServiceApiFixtures.Server();
        server.MalformedAnswers.Add("dlm:GetLifecyclePolicy eu-west-1");
        server.Accounts[MainKey].EbsEncryptionByDefault = true;
        using var temp = new TempFolder();
        var policy = temp.Combine("policy.sec08");
        File.WriteAllText(policy, "require copies_encrypted for dlm { encrypted severity high }\n");

        var live = CliRunner.Invoke(Replay, "eval", "--policy", policy, "--live", "--endpoint-url", server.Endpoint, "--region", "eu-west-1", "--format", "json", "--fail-on", "none");

        Assert.That(live.ExitCode, Is.EqualTo(0), live.Error);
        var policies = JsonNode.Parse(live.Out)!["resources"]!.AsArray().Where(r => r!["type"]!.GetValue<string>() == Dlm).ToList();
        Assert.That(policies, Has.Count.EqualTo(3));
        Assert.That(policies.Select(r => r!["findings"]!.AsArray().Single()!["verdict"]!.GetValue<string>()), Has.All.EqualTo("unknown"));
        Assert.That(policies.Select(r => r!["passed"]!.AsArray().Count), Has.All.EqualTo(0));
    }

    [Test]
    public async Task Aggregator_Replay_DoesNotAskTheServiceApis()
    {
        using var server = ReplayFixtures.Organization();
        server.Accounts[MainKey].ApiResources.Add(ServiceApiFixtures.Cluster("eu-west-1", "orders-cache", "DISABLED"));
        var collector = new OrganizationCollector(Options(server, "eu-west-1") with { ConfigAggregator = Aggregator });

        var types = new List<string>();
        await foreach (var resource in collector.ReadAsync())
        {
            types.Add(resource.Type);
        }

        Assert.That(types, Is.Not.Empty);
        Assert.That(types.Intersect(s_types), Is.Empty, "AWS Config does not record them");
        Assert.That(server.Requests.Select(r => r.SigningService), Has.None.AnyOf("dax", "fsx", "glue", "dlm"));
        Assert.That(LivePlan.NotReadByOrganization.Select(e => e.Type), Is.SupersetOf(s_types));
    }

    [Test]
    public void Catalogue_EveryTypeReadThroughItsApiHasAReaderAndNoneIsLeftUnread()
    {
        Assert.That(LivePlan.Api.Select(e => e.Type), Is.EquivalentTo(s_types));
        Assert.That(LivePlan.Api.Select(e => e.Live.Api!), Has.All.Matches<string>(ApiCollector.Reads));
        Assert.That(LivePlan.NotRead, Is.Empty);
        Assert.That(LivePlan.CloudControl.Concat(LivePlan.Config.SelectMany(q => q.Entries)), Has.None.AnyOf(LivePlan.Api.ToArray()), "one source per type");
    }
}
