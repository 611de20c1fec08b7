using Sec08Policy.Collector;
using Sec08Policy.Engine.Resources;
using Sec08Policy.Tests.Infrastructure;
using static Sec08Policy.Tests.Collect.ReplayFixtures;

namespace Sec08Policy.Tests.Collect;

/// <summary>
/// Replay tests: the real AWS SDK clients talk to <see cref="AwsReplayServer"/> on loopback, which answers with
/// recorded-shape wire responses. Nothing here reaches AWS.
/// </summary>
public class CollectReplayTests
{
    private static Resource Find(CollectResult result, string idSuffix) => ReplayFixtures.Find(result.Resources, idSuffix);

    [Test]
    public async Task Collect_Replay_ReadsEveryServiceAcrossPagesAfterThrottling()
    {
        using var server = Server();
        server.ThrottleListKeys = 1;

        var result = await new AwsCollector(Options(server, "eu-west-1")).CollectAsync();

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Resources.Count(r => r.Kind == ResourceKind.KmsKey), Is.EqualTo(5), "three pages of keys");
        Assert.That(server.Log.Count(l => l == "kms:ListKeys eu-west-1"), Is.EqualTo(4), "one throttled call retried, then three pages");
        Assert.That(result.Resources.Count(r => r.Type == "AWS::S3::Bucket"), Is.EqualTo(3), "two pages of buckets");
        Assert.That(result.Resources.Count(r => r.Type == "AWS::EC2::Volume"), Is.EqualTo(3), "two pages of volumes");

        var bucket = Find(result, ":acme-cmk");
        Assert.That(bucket.Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.Customer), "the bucket's key is resolved to the collected key");
        Assert.That(bucket.Tags.Value["DataClassification"], Is.EqualTo("confidential"));
        Assert.That(Find(result, ":acme-default").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.AwsOwned));
        Assert.That(Find(result, ":key/k1").Key!.RotationPeriodDays.Value, Is.EqualTo(180));
        Assert.That(Find(result, ":key/k1").Key!.Aliases, Is.EqualTo(new[] { "alias/acme/confidential" }));
        Assert.That(Find(result, ":key/k3").Key!.Manager.Value, Is.EqualTo(KeyManager.AwsManaged));
        Assert.That(Find(result, "table/orders").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.Customer));
        Assert.That(Find(result, ":payments").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.Customer), "a queue's key alias resolves too");
        Assert.That(Find(result, ":events").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.AwsOwned));
        Assert.That(result.Resources.Single(r => r.Kind == ResourceKind.AccountSetting).EbsEncryptionByDefault!.Value.Value, Is.True);

        // Through Cloud Control: RDS instances over two pages, then each described.
        Assert.That(server.Log.Count(l => l == "cloudcontrolapi:ListResources eu-west-1 AWS::RDS::DBInstance"), Is.EqualTo(2));
        Assert.That(server.Log.Count(l => l == "cloudcontrolapi:GetResource eu-west-1 AWS::RDS::DBInstance"), Is.EqualTo(3));
        var orders = Find(result, ":db:orders-db");
        Assert.That(orders.Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.Customer), "the instance's key is resolved to the collected key");
        Assert.That(orders.Tags.Value["DataClassification"], Is.EqualTo("confidential"));
        Assert.That((orders.Account.Value, orders.Region.Value, orders.Arn.Value), Is.EqualTo((Account, "eu-west-1", $"arn:aws:rds:eu-west-1:{Account}:db:orders-db")));
        Assert.That(orders.Position.ToString(), Is.EqualTo($"aws://{Account}/eu-west-1/AWS::RDS::DBInstance(1,1)"));
        Assert.That(Find(result, ":db:legacy-db").Encryption!.Enabled.Value, Is.False);
        Assert.That(Find(result, ":db:reports-db").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.AwsManaged), "encrypted without a key: aws/rds");
        Assert.That(Find(result, "file-system/fs-0123").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.AwsManaged));
        Assert.That(Find(result, "file-system/fs-0123").Tags.Value["DataClassification"], Is.EqualTo("internal"));
        Assert.That(Find(result, ":alerts").Encryption!.Enabled.Value, Is.False, "an SNS topic without a key is not encrypted");
        Assert.That(Find(result, ":secret:db-AbCdEf").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.Customer), "a key named by alias resolves");

        // Through AWS Config: RDS snapshots over two pages of SelectResourceConfig.
        Assert.That(server.Log.Count(l => l == "config:SelectResourceConfig eu-west-1 AWS::RDS::DBSnapshot"), Is.EqualTo(2));
        Assert.That(Find(result, ":snapshot:orders-snap").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.Customer));
        Assert.That(Find(result, ":snapshot:legacy-snap").Encryption!.Enabled.Value, Is.False);
        Assert.That(result.Resources.Count(r => r.Type == "AWS::RDS::DBSnapshot"), Is.EqualTo(3));
    }

    [Test]
    public async Task Collect_Replay_AccessDeniedAndMalformedResponsesStayLocal()
    {
        using var server = Server();

        var result = await new AwsCollector(Options(server, "eu-west-1")).CollectAsync();

        var denied = Find(result, ":acme-denied");
        Assert.That(denied.Encryption!.Enabled.IsKnown, Is.False);
        Assert.That(denied.Encryption.Enabled.UnknownReason, Is.EqualTo("s3:GetEncryptionConfiguration failed: AccessDenied (Access Denied)"));
        Assert.That(denied.Tags.Value["DataClassification"], Is.EqualTo("restricted"), "the rest of the bucket is still read");
        var broken = Find(result, "table/broken");
        Assert.That(broken.Encryption!.Enabled.IsKnown, Is.False);
        Assert.That(broken.Encryption.Enabled.UnknownReason, Does.StartWith("dynamodb:DescribeTable failed"));
        Assert.That(Find(result, "table/orders").Encryption!.Enabled.Value, Is.True, "the other table is unaffected");
    }

    [Test]
    public async Task Collect_Replay_RegionThatTimesOutIsReportedNotFatal()
    {
        using var server = Server();
        server.HangingRegions.Add("eu-north-1");

        var result = await new AwsCollector(Options(server, "eu-west-1", "eu-north-1") with { CallTimeout = TimeSpan.FromMilliseconds(500), MaxRetries = 0 }).CollectAsync();

        Assert.That(result.NothingCollected, Is.False);
        Assert.That(result.Resources.Any(r => r.Region.ValueOrDefault == "eu-west-1"), Is.True);
        var other = LivePlan.Api.Concat(LivePlan.CloudControl).Select(t => t.Type).Concat(LivePlan.Config.Select(q => q.Part));
        Assert.That(
            result.Errors.Select(e => (e.Region, e.Service)).Distinct(),
            Is.EquivalentTo(new[] { "kms", "ebs", "dynamodb", "sqs" }.Concat(other).Select(s => ("eu-north-1", s))),
            "every SDK service and every service-API, Cloud Control and Config type of the hanging Region, and nothing of the other");
        Assert.That(result.Errors, Has.All.Matches<Sec08Policy.Engine.Inputs.Inventory.InventoryError>(e => e.Message.Contains("timed out", StringComparison.Ordinal) || e.Message.Contains("failed", StringComparison.Ordinal)));
        Assert.That(result.Resources.Single(r => r.Kind == ResourceKind.AccountSetting && r.Region.ValueOrDefault == "eu-north-1").EbsEncryptionByDefault!.Value.IsKnown, Is.False);
    }

    [Test]
    public async Task Collect_Replay_EveryRegionFailing_IsNothingCollected()
    {
        using var server = Server();
        server.HangingRegions.Add("eu-west-1");

        var result = await new AwsCollector(Options(server, "eu-west-1") with { CallTimeout = TimeSpan.FromMilliseconds(300), MaxRetries = 0 }).CollectAsync();

        Assert.That(result.NothingCollected, Is.True);
    }

    [Test]
    public async Task Collect_Replay_AssumedRolesMergeAccounts()
    {
        using var server = Server();

        var result = await new AwsCollector(Options(server, "eu-west-1") with
        {
            AssumeRoles = [$"arn:aws:iam::{Account}:role/Sec08Reader", $"arn:aws:iam::{Other}:role/Sec08Reader"],
        }).CollectAsync();

        Assert.That(result.Resources.Select(r => r.Account.Value).Distinct(), Is.EquivalentTo(new[] { Account, Other }));
        Assert.That(Find(result, "volume/vol-9").Account.Value, Is.EqualTo(Other));
        Assert.That(server.Log.Count(l => l == "sts:AssumeRole"), Is.EqualTo(2));
    }

    [Test]
    public void CollectCommand_Replay_WritesAnInventoryThatEvalReads()
    {
        using var server = Server();
        using var temp = new TempFolder();
        var inventory = temp.Combine("inventory.json");

        var collect = CliRunner.Invoke(Replay, "collect", "--endpoint-url", server.Endpoint, "--region", "eu-west-1", "-o", inventory);
        var fromFile = CliRunner.Invoke("eval", "--policy", "policies", "--input", inventory, "--format", "json", "--fail-on", "none");
        var live = CliRunner.Invoke(Replay, "eval", "--policy", "policies", "--live", "--endpoint-url", server.Endpoint, "--region", "eu-west-1", "--format", "json", "--fail-on", "none");

        Assert.That(collect.ExitCode, Is.EqualTo(0), collect.Error);
        Assert.That(collect.Out, Does.StartWith("wrote "));
        var text = File.ReadAllText(inventory);
        Assert.That(text, Does.Contain("\"format\": \"sec08-inventory/1\""));
        Assert.That(text, Does.Not.Contain("replay-secret"), "no credential is written");
        Assert.That(fromFile.ExitCode, Is.EqualTo(0), fromFile.Error);
        Assert.That(live.ExitCode, Is.EqualTo(0), live.Error);
        var fromFileFindings = System.Text.Json.Nodes.JsonNode.Parse(fromFile.Out)!["summary"]!.ToJsonString();
        Assert.That(System.Text.Json.Nodes.JsonNode.Parse(live.Out)!["summary"]!.ToJsonString(), Is.EqualTo(fromFileFindings), "eval --live decides as eval on the inventory");
        Assert.That(System.Text.Json.Nodes.JsonNode.Parse(live.Out)!["summary"]!["fail"]!.GetValue<int>(), Is.GreaterThan(0));
    }

    [Test]
    public void CollectCommand_Replay_NothingCollectedExitsThree()
    {
        using var server = Server();
        using var temp = new TempFolder();
        server.HangingRegions.Add("eu-west-1");

        var run = CliRunner.Invoke(Replay, "collect", "--endpoint-url", server.Endpoint, "--region", "eu-west-1", "--timeout", "1", "--retries", "0", "-o", temp.Combine("never-written.json"));

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("nothing could be collected"));
        Assert.That(File.Exists(temp.Combine("never-written.json")), Is.False);
    }

    [Test]
    public void CollectCommand_Replay_AllRegionsReadsEveryEnabledRegion()
    {
        using var server = Server();
        using var temp = new TempFolder();

        var run = CliRunner.Invoke(Replay, "collect", "--endpoint-url", server.Endpoint, "--region", "eu-west-1", "--all-regions", "-o", temp.Combine("inventory.json"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(server.Log, Does.Contain("ec2:DescribeRegions eu-west-1"));
        Assert.That(server.Log, Does.Contain("kms:ListKeys eu-north-1"), "the key only in eu-north-1 is read too");
        Assert.That(File.ReadAllText(temp.Combine("inventory.json")), Does.Contain(":key/k9\""));
    }

    [Test]
    public void RegionLister_Replay_UsesTheNamedProfileNotTheDefaultChain()
    {
        using var server = Server();

        var options = Options(server, "eu-west-1") with { Credentials = null, Profile = "sec08-no-such-profile" };

        var e = Assert.Throws<CollectException>(() => RegionLister.EnabledRegions(options));
        Assert.That(e!.Message, Does.Contain("profile `sec08-no-such-profile`"));
        Assert.That(server.Log, Does.Not.Contain("ec2:DescribeRegions eu-west-1"), "no call is made with other credentials");
    }
}
