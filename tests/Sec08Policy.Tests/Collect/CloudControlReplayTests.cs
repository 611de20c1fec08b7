using System.Text.Json.Nodes;
using Amazon.Runtime;
using Sec08Policy.Collector;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Resources;
using static Sec08Policy.Tests.Collect.ReplayFixtures;

namespace Sec08Policy.Tests.Collect;

/// <summary>
/// Replay tests of the Cloud Control API client and collector: JSON 1.0 requests signed with SigV4 (the replay server
/// checks every signature), paging, throttling, and failures kept to their type and Region.
/// </summary>
public class CloudControlReplayTests
{
    private static IEnumerable<Resource> Databases(CollectResult result) => result.Resources.Where(r => r.Type == "AWS::RDS::DBInstance");

    [Test]
    public async Task CloudControl_Replay_ThrottledCallsAreRetriedWithBackoff()
    {
        using var server = Server();
        server.Throttle("cloudformation:ListResources", 2);
        server.Throttle("cloudformation:GetResource", 2);

        var result = await new AwsCollector(Options(server, "eu-west-1")).CollectAsync();

        Assert.That(result.Errors, Is.Empty);
        Assert.That(Databases(result).Select(r => r.Encryption!.Enabled.Value), Is.EquivalentTo(new[] { true, false, true }));
        var listings = server.Log.Count(l => l.StartsWith("cloudcontrolapi:ListResources eu-west-1", StringComparison.Ordinal));
        var types = LivePlan.CloudControl.Count(t => t.Live.Listing != CloudControlListing.AccountId);
        Assert.That(listings, Is.EqualTo(types + 1 + 2), "a first page per listed type (of REST APIs, for stages), a second for RDS, and the two throttled calls again");
    }

    [Test]
    public async Task CloudControl_Replay_ListingsFollowTheCatalogue()
    {
        using var server = Server();
        var resources = server.Accounts[MainKey].CloudResources;
        resources.AddRange(
        [
            new ReplayCloudResource("AWS::ApiGateway::RestApi", "eu-west-1", "api1", new JsonObject { ["RestApiId"] = "api1" }),
            new ReplayCloudResource("AWS::ApiGateway::RestApi", "eu-west-1", "api2", new JsonObject { ["RestApiId"] = "api2" }),
            Stage("api1", "prod", cacheEncrypted: true),
            Stage("api2", "prod", cacheEncrypted: false),
            new ReplayCloudResource("AWS::Glue::DataCatalogEncryptionSettings", "eu-west-1", Account, new JsonObject
            {
                ["Id"] = Account,
                ["CatalogId"] = Account,
                ["DataCatalogEncryptionSettings"] = new JsonObject { ["EncryptionAtRest"] = new JsonObject { ["CatalogEncryptionMode"] = "DISABLED" } },
            }),
        ]);

        var result = await new AwsCollector(Options(server, "eu-west-1", "eu-north-1")).CollectAsync();

        Assert.That(result.Errors, Is.Empty);

        // Stages are listed under each REST API (the list handler needs its ID), then each read.
        Assert.That(server.Log.Count(l => l == "cloudcontrolapi:ListResources eu-west-1 AWS::ApiGateway::Stage"), Is.EqualTo(2));
        var stages = result.Resources.Where(r => r.Type == "AWS::ApiGateway::Stage").ToList();
        Assert.That(stages.Select(r => (r.Id, r.Encryption!.Enabled.Value)), Is.EquivalentTo(new[]
        {
            ($"{Account}/eu-west-1/AWS::ApiGateway::Stage/api1|prod", true),
            ($"{Account}/eu-west-1/AWS::ApiGateway::Stage/api2|prod", false),
        }));

        // The Data Catalog's settings are read by the account's ID, where there are some; Cloud Control cannot list them.
        Assert.That(server.Log, Has.None.EqualTo("cloudcontrolapi:ListResources eu-west-1 AWS::Glue::DataCatalogEncryptionSettings"));
        var catalog = result.Resources.Single(r => r.Type == "AWS::Glue::DataCatalogEncryptionSettings");
        Assert.That((catalog.Region.Value, catalog.Encryption!.Enabled.Value), Is.EqualTo(("eu-west-1", false)));

        // OpenSearch domains, which Cloud Control reads but cannot list, are asked of AWS Config instead.
        Assert.That(server.Log, Has.None.Contains("cloudcontrolapi:ListResources eu-west-1 AWS::OpenSearchService::Domain"));
        Assert.That(server.Log, Has.One.EqualTo("config:SelectResourceConfig eu-west-1 AWS::OpenSearch::Domain"));
    }

    private static ReplayCloudResource Stage(string api, string name, bool cacheEncrypted) => new("AWS::ApiGateway::Stage", "eu-west-1", $"{api}|{name}", new JsonObject
    {
        ["RestApiId"] = api,
        ["StageName"] = name,
        ["CacheClusterEnabled"] = true,
        ["MethodSettings"] = new JsonArray(new JsonObject { ["HttpMethod"] = "*", ["ResourcePath"] = "/*", ["CachingEnabled"] = true, ["CacheDataEncrypted"] = cacheEncrypted }),
    });

    [Test]
    public async Task CloudControl_Replay_ThrottledPastTheRetriesKeepsTheResourcesUnknown()
    {
        using var server = Server();
        server.Throttle("cloudformation:GetResource", 1000);

        var result = await new AwsCollector(Options(server, "eu-west-1") with { MaxRetries = 1 }).CollectAsync();

        Assert.That(Databases(result).Count(), Is.EqualTo(3), "listed, so kept");
        Assert.That(Databases(result).Select(r => r.Encryption!.Enabled.UnknownReason), Has.All.EqualTo("cloudformation:GetResource failed: ThrottlingException (Rate exceeded)"));
        Assert.That(Find(result.Resources, "orders-db").Arn.IsKnown, Is.False, "the ARN was in the description");
        Assert.That(
            result.Errors.Where(e => e.Service == "AWS::RDS::DBInstance").Select(e => e.Message),
            Is.EqualTo(new[] { "cloudformation:GetResource failed: ThrottlingException (Rate exceeded)" }),
            "reported once for the type and Region");
        Assert.That(result.NothingCollected, Is.False);
    }

    [Test]
    public async Task CloudControl_Replay_MalformedListingFailsThatTypeInThatRegionOnly()
    {
        using var server = Server();
        server.MalformedListings.Add("AWS::EFS::FileSystem");

        var result = await new AwsCollector(Options(server, "eu-west-1")).CollectAsync();

        var error = result.Errors.Single();
        Assert.That((error.Account, error.Region, error.Service), Is.EqualTo((Account, "eu-west-1", "AWS::EFS::FileSystem")));
        Assert.That(error.Message, Does.StartWith("cloudformation:ListResources failed: malformed answer: the answer is not JSON"));
        Assert.That(result.Resources.Any(r => r.Type == "AWS::EFS::FileSystem"), Is.False);
        Assert.That(Databases(result).Count(), Is.EqualTo(3), "the other types go on");
        Assert.That(Find(result.Resources, ":alerts").Encryption, Is.Not.Null);
    }

    [Test]
    public async Task CloudControl_Replay_MalformedDescriptionLeavesThatResourceUnknown()
    {
        using var server = Server();
        var resources = server.Accounts[MainKey].CloudResources;
        var legacy = resources.FindIndex(r => r.Identifier == "legacy-db");
        resources[legacy] = resources[legacy] with { Malformed = true };

        var result = await new AwsCollector(Options(server, "eu-west-1")).CollectAsync();

        var broken = Find(result.Resources, $"{Account}/eu-west-1/AWS::RDS::DBInstance/legacy-db");
        Assert.That(broken.Encryption!.Enabled.UnknownReason, Does.StartWith("cloudformation:GetResource failed: malformed answer"));
        Assert.That(broken.Tags.IsKnown, Is.False);
        Assert.That(result.Errors.Select(e => (e.Region, e.Service)), Is.EqualTo(new[] { ("eu-west-1", "AWS::RDS::DBInstance") }));
        Assert.That(Find(result.Resources, ":db:orders-db").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.Customer), "the type's other resources are read");
    }

    [Test]
    public async Task CloudControl_Replay_RegionThatFailsIsReportedAndTheOtherRead()
    {
        using var server = Server();
        server.Accounts[MainKey].CloudResources.Add(Database(Account, "eu-north-1", "north-db", encrypted: true, null, Tags("internal")));
        server.FailingRegions.Add("eu-north-1");

        var result = await new AwsCollector(Options(server, "eu-west-1", "eu-north-1") with { MaxRetries = 1 }).CollectAsync();

        Assert.That(result.Errors.Where(e => e.Service == "AWS::RDS::DBInstance").Select(e => (e.Region, e.Message)), Is.EqualTo(new[]
        {
            ("eu-north-1", "cloudformation:ListResources failed: ServiceUnavailableException (Service is unavailable)"),
        }));
        Assert.That(Databases(result).Select(r => r.Region.Value), Is.EqualTo(new[] { "eu-west-1", "eu-west-1", "eu-west-1" }));
        Assert.That(server.Log.Count(l => l == "cloudcontrolapi:ListResources eu-north-1 AWS::RDS::DBInstance"), Is.Zero, "HTTP 503 before the operation is read");
    }

    [Test]
    public async Task CloudControl_Replay_DeniedListingIsReportedWithAwsCode()
    {
        using var server = Server();
        server.Accounts[MainKey].Denied.Add("cloudformation:ListResources");

        var result = await new AwsCollector(Options(server, "eu-west-1")).CollectAsync();

        var denied = result.Errors.Where(e => e.Service.StartsWith("AWS::", StringComparison.Ordinal) && e.Message.StartsWith("cloudformation:", StringComparison.Ordinal)).ToList();
        Assert.That(denied.Select(e => e.Service), Is.EquivalentTo(LivePlan.CloudControl.Where(t => t.Live.Listing != CloudControlListing.AccountId).Select(t => t.Type)));
        Assert.That(denied.Select(e => e.Message), Has.All.StartWith("cloudformation:ListResources failed: AccessDeniedException (User: arn:aws:iam::111122223333:user/collector is not authorized"));
        Assert.That(result.Resources.Any(r => r.Type == "AWS::S3::Bucket"), Is.True, "the SDK services go on");
    }

    [Test]
    public async Task CloudControl_Replay_RequestsWithAWrongSignatureAreRefused()
    {
        using var server = Server();

        // The access key is known to the server, the secret is not its: every JSON-protocol call is refused.
        var result = await new AwsCollector(Options(server, "eu-west-1") with { Credentials = new BasicAWSCredentials(MainKey, "not-the-secret") }).CollectAsync();

        Assert.That(
            result.Errors.Where(e => e.Service == "AWS::RDS::DBInstance").Select(e => e.Message),
            Is.EqualTo(new[] { "cloudformation:ListResources failed: InvalidSignatureException (The request signature we calculated does not match the signature you provided.)" }));
        Assert.That(server.Log.Any(l => l.StartsWith("cloudcontrolapi:", StringComparison.Ordinal)), Is.False, "refused before the operation");
    }

    [Test]
    public async Task CloudControl_Replay_SessionCredentialsSignTheirToken()
    {
        using var server = Server();

        var result = await new AwsCollector(Options(server, "eu-west-1") with { Credentials = new SessionAWSCredentials(MainKey, AwsReplayServer.Secret, "replay-token") }).CollectAsync();

        Assert.That(result.Errors, Is.Empty);
        Assert.That(Databases(result).Count(), Is.EqualTo(3));
    }
}
