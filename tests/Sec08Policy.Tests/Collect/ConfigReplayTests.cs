using System.Text.Json.Nodes;
using Sec08Policy.Collector;
using Sec08Policy.Engine.Resources;
using Sec08Policy.Tests.Infrastructure;
using static Sec08Policy.Tests.Collect.ReplayFixtures;

namespace Sec08Policy.Tests.Collect;

/// <summary>
/// Replay tests of the AWS Config advanced query client: an organization read through an aggregator (several accounts
/// and Regions in one paged query per type), throttling, malformed pages and items, and the command line around it.
/// </summary>
public class ConfigReplayTests
{
    private static CollectOptions Organization(AwsReplayServer server) => Options(server, "eu-west-1") with { ConfigAggregator = Aggregator };

    private static async Task<(List<Resource> Resources, OrganizationCollector Collector)> Read(CollectOptions options)
    {
        var collector = new OrganizationCollector(options);
        var resources = new List<Resource>();
        await foreach (var resource in collector.ReadAsync())
        {
            resources.Add(resource);
        }

        return (resources, collector);
    }

    [Test]
    public async Task Aggregator_Replay_ReadsEveryAccountAndRegionPageByPage()
    {
        using var server = ReplayFixtures.Organization();

        var (resources, collector) = await Read(Organization(server));

        Assert.That(collector.Errors, Is.Empty);
        Assert.That(collector.NothingCollected, Is.False);
        Assert.That(resources.Select(r => (r.Account.Value, r.Region.Value)).Distinct(), Is.EquivalentTo(new[]
        {
            (Account, "eu-west-1"), (Account, "eu-north-1"), (Other, "eu-west-1"), (Other, "eu-north-1"),
        }));
        Assert.That(resources.Count(r => r.Type == "AWS::EC2::Volume"), Is.EqualTo(4));
        Assert.That(server.Log.Count(l => l == "config:SelectAggregateResourceConfig eu-west-1 AWS::EC2::Volume"), Is.EqualTo(2), "four volumes, two pages");
        Assert.That(server.Log.Where(l => l.StartsWith("config:", StringComparison.Ordinal)), Has.None.Contains("SelectResourceConfig "), "nothing per account");
        Assert.That(resources.Take(3).Select(r => r.Kind), Has.All.EqualTo(ResourceKind.KmsKey), "keys first, to link what follows");

        // Each resource is linked to the key it names, in its own account, by key ARN.
        Assert.That(Find(resources, ":acme-cmk").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.Customer));
        Assert.That(Find(resources, "volume/vol-8").Encryption!.ResolvedKey, Is.EqualTo($"arn:aws:kms:eu-north-1:{Other}:key/o1"));
        Assert.That(Find(resources, "volume/vol-9").Encryption!.Enabled.Value, Is.False);
        Assert.That(Find(resources, ":other-logs").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.Customer));
        Assert.That(Find(resources, ":acme-default").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.AwsOwned));
        Assert.That(Find(resources, ":key/k3").Key!.Manager.Value, Is.EqualTo(KeyManager.AwsManaged));
        Assert.That(Find(resources, ":key/o1").Key!.RotationEnabled.Value, Is.False, "supplementaryConfiguration is selected too");
        Assert.That(Find(resources, ":snapshot:other-snap").Tags.Value["DataClassification"], Is.EqualTo("internal"));
        Assert.That(Find(resources, "volume/vol-7").Position.ToString(), Is.EqualTo($"aws://{Account}/eu-north-1/AWS::EC2::Volume(1,1)"));
    }

    [Test]
    public async Task Aggregator_Replay_AnAliasNameIsNeverLinkedToAnotherAccountsKey()
    {
        using var server = ReplayFixtures.Organization();
        var main = server.Accounts[MainKey];
        var other = server.Accounts["ASIAREPLAYOTHER"];
        main.ConfigItems.AddRange([Alias(Account, "eu-west-1", "alias/shared", "k1"), Volume(Account, "eu-west-1", "vol-m", true, "alias/shared", [])]);
        other.ConfigItems.AddRange(
        [
            Key(Other, "eu-west-1", "o2", "AWS", rotation: false),
            Alias(Other, "eu-west-1", "alias/shared", "o2"),
            Volume(Other, "eu-west-1", "vol-o", true, "alias/shared", []),
        ]);

        var (resources, _) = await Read(Organization(server));

        // AWS Config records aliases (AWS::KMS::Alias), so the aggregator is asked for them, and each alias name links
        // only to the key of its own account and Region, never to a key of the same alias name elsewhere.
        Assert.That(server.Log, Has.Some.EndsWith(" AWS::KMS::Alias"));
        Assert.That(Find(resources, "volume/vol-m").Encryption!.ResolvedKey, Is.EqualTo($"arn:aws:kms:eu-west-1:{Account}:key/k1"));
        Assert.That(Find(resources, "volume/vol-o").Encryption!.ResolvedKey, Is.EqualTo($"arn:aws:kms:eu-west-1:{Other}:key/o2"));
        Assert.That(Find(resources, "volume/vol-m").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.Customer));
        Assert.That(Find(resources, "volume/vol-o").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.AwsManaged));
    }

    [Test]
    public async Task Aggregator_Replay_ThrottledPagesAreRetried()
    {
        using var server = ReplayFixtures.Organization();
        server.Throttle("config:SelectAggregateResourceConfig", 3);

        var (resources, collector) = await Read(Organization(server) with { MaxRetries = 3 });

        Assert.That(collector.Errors, Is.Empty);
        Assert.That(resources.Count(r => r.Type == "AWS::EC2::Volume"), Is.EqualTo(4));
    }

    [Test]
    public async Task Aggregator_Replay_MalformedPageFailsThatTypeAndTheRestGoesOn()
    {
        using var server = ReplayFixtures.Organization();
        server.MalformedQueries.Add("AWS::S3::Bucket");

        var (resources, collector) = await Read(Organization(server));

        var error = collector.Errors.Single();
        Assert.That((error.Account, error.Region, error.Service), Is.EqualTo(((string?)null, (string?)null, "AWS::S3::Bucket")));
        Assert.That(error.Message, Does.StartWith("config:SelectAggregateResourceConfig failed: malformed answer: the answer is not JSON"));
        Assert.That(resources.Any(r => r.Type == "AWS::S3::Bucket"), Is.False);
        Assert.That(resources.Count(r => r.Type == "AWS::EC2::Volume"), Is.EqualTo(4));
    }

    [Test]
    public async Task Aggregator_Replay_MalformedItemFailsItsTypeInItsAccountAndRegion()
    {
        using var server = ReplayFixtures.Organization();
        var items = server.Accounts["ASIAREPLAYOTHER"].ConfigItems;
        var broken = items.FindIndex(i => i.Item["resourceId"]!.GetValue<string>() == "vol-9");
        items[broken].Item["configuration"] = "{\"volumeId\": \"vol-9\", \"encrypted\": "; // an embedded document cut short
        items.Add(items[0] with { Malformed = true });

        var (resources, collector) = await Read(Organization(server));

        Assert.That(collector.Errors.Select(e => (e.Account, e.Region, e.Service)), Is.EquivalentTo(new[]
        {
            ((string?)Other, (string?)"eu-west-1", "AWS::EC2::Volume"),
            (null, null, "AWS::KMS::Key"),
        }));
        Assert.That(collector.Errors.Select(e => e.Message), Has.All.StartWith("config:SelectAggregateResourceConfig failed: malformed answer: a AWS::"));
        Assert.That(resources.Count(r => r.Type == "AWS::EC2::Volume"), Is.EqualTo(3), "the other volumes are read");
        Assert.That(resources.Count(r => r.Kind == ResourceKind.KmsKey), Is.EqualTo(3));
    }

    [Test]
    public async Task Aggregator_Replay_UnknownAggregatorStopsAtTheFirstQuery()
    {
        using var server = ReplayFixtures.Organization();

        var (resources, collector) = await Read(Organization(server) with { ConfigAggregator = "no-such-org" });

        Assert.That(resources, Is.Empty);
        Assert.That(collector.NothingCollected, Is.True);
        Assert.That(collector.Errors.Single().Message, Does.StartWith("config:SelectAggregateResourceConfig failed: NoSuchConfigurationAggregatorException"));
        Assert.That(server.Log.Count(l => l.StartsWith("config:", StringComparison.Ordinal)), Is.EqualTo(1), "one query tells it; the other types are not asked");
    }

    [Test]
    public void CollectCommand_Replay_AggregatorWritesTheOrganizationAndEvalLiveAgrees()
    {
        using var server = ReplayFixtures.Organization();
        using var temp = new TempFolder();
        var inventory = temp.Combine("org.json");

        var collect = CliRunner.Invoke(Replay, "collect", "--endpoint-url", server.Endpoint, "--region", "eu-west-1", "--config-aggregator", Aggregator, "-o", inventory);
        var again = CliRunner.Invoke(Replay, "collect", "--endpoint-url", server.Endpoint, "--region", "eu-west-1", "--config-aggregator", Aggregator, "-o", temp.Combine("again.json"));
        var fromFile = CliRunner.Invoke("eval", "--policy", "policies", "--input", inventory, "--format", "json", "--fail-on", "none");
        var live = CliRunner.Invoke(Replay, "eval", "--policy", "policies", "--live", "--config-aggregator", Aggregator, "--endpoint-url", server.Endpoint, "--region", "eu-west-1", "--format", "json", "--fail-on", "none");

        Assert.That(collect.ExitCode, Is.EqualTo(0), collect.Error);
        Assert.That(collect.Error, Is.Empty);
        var document = JsonNode.Parse(File.ReadAllText(inventory))!;
        var resources = document["resources"]!.AsArray();
        Assert.That(collect.Out, Is.EqualTo($"wrote {resources.Count} resources to {inventory}\n"));
        Assert.That(resources.Select(r => r!["account"]!.GetValue<string>()).Distinct(), Is.EquivalentTo(new[] { Account, Other }));
        Assert.That(File.ReadAllBytes(temp.Combine("again.json")), Is.EqualTo(File.ReadAllBytes(inventory)), "the same answers give the same file");
        Assert.That(fromFile.ExitCode, Is.EqualTo(0), fromFile.Error);
        Assert.That(live.ExitCode, Is.EqualTo(0), live.Error);
        Assert.That(JsonNode.Parse(live.Out)!["summary"]!.ToJsonString(), Is.EqualTo(JsonNode.Parse(fromFile.Out)!["summary"]!.ToJsonString()));
        Assert.That(JsonNode.Parse(live.Out)!["summary"]!["fail"]!.GetValue<int>(), Is.GreaterThan(0));
    }

    [Test]
    public void CollectCommand_Replay_AggregatorThatAnswersNothingWritesNoFile()
    {
        using var server = ReplayFixtures.Organization();
        using var temp = new TempFolder();

        var run = CliRunner.Invoke(Replay, "collect", "--endpoint-url", server.Endpoint, "--region", "eu-west-1", "--config-aggregator", "no-such-org", "-o", temp.Combine("org.json"));

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Is.EqualTo(
            "sec08: warning: aggregator no-such-org: config:SelectAggregateResourceConfig failed: NoSuchConfigurationAggregatorException (The configuration aggregator does not exist.)\n"
            + "sec08: error: nothing could be collected; every call failed\n"));
        Assert.That(Directory.GetFileSystemEntries(temp.Path), Is.Empty, "no inventory, not even a temporary file");
    }

    [TestCase("--config-aggregator", Aggregator, "--all-regions")]
    [TestCase("--config-aggregator", Aggregator, "--region", "eu-north-1")]
    [TestCase("--config-aggregator", Aggregator, "--assume-role", "arn:aws:iam::111122223333:role/A", "--assume-role", "arn:aws:iam::111122223333:role/B")]
    [TestCase("--config-aggregator", "org' OR '1")]
    public void CollectCommand_Replay_AggregatorOptionsThatCannotApplyAreUsageErrors(params string[] extra)
    {
        using var server = ReplayFixtures.Organization();
        using var temp = new TempFolder();

        var run = CliRunner.Invoke(Replay, ["collect", "--endpoint-url", server.Endpoint, "--region", "eu-west-1", "-o", temp.Combine("org.json"), .. extra]);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.StartWith("sec08: error: `--config-aggregator` ").Or.StartWith("sec08: error: --config-aggregator takes an AWS Config aggregator's name"));
        Assert.That(server.Log, Is.Empty, "nothing is asked of AWS");
    }

    [Test]
    public void EvalCommand_Replay_AggregatorWithoutLiveIsAUsageError()
    {
        var run = CliRunner.Invoke("eval", "--policy", "policies", "--input", "examples", "--config-aggregator", Aggregator);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Is.EqualTo("sec08: error: `--config-aggregator` reads live data: give `--live` too\n"));
    }
}
