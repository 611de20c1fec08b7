using System.Text.Json.Nodes;
using Sec08Policy.Collector;
using Sec08Policy.Engine.Resources;
using Sec08Policy.Tests.Infrastructure;
using static Sec08Policy.Tests.Collect.ReplayFixtures;

namespace Sec08Policy.Tests.Collect;

/// <summary>
/// Replay tests of collections where some calls are denied or answer unexpectedly: what was read is kept, what a
/// failed call would have shown is Unknown or reported, never taken as encrypted.
/// </summary>
public class PartialFailureReplayTests
{
    [Test]
    public void CollectCommand_Replay_VolumesReadWithSnapshotsDeniedAreKeptAndWritten()
    {
        using var server = Server();
        using var temp = new TempFolder();
        var inventory = temp.Combine("inventory.json");
        // Everything is denied but ec2:DescribeVolumes (and the caller's identity).
        server.Accounts[MainKey].Denied.UnionWith(
        [
            "ec2:DescribeSnapshots", "ec2:GetEbsEncryptionByDefault", "s3:ListBuckets", "kms:ListKeys", "kms:ListAliases",
            "dynamodb:ListTables", "sqs:ListQueues", "cloudformation:ListResources", "config:SelectResourceConfig",
        ]);

        var collect = CliRunner.Invoke(Replay, "collect", "--endpoint-url", server.Endpoint, "--region", "eu-west-1", "--retries", "0", "-o", inventory);
        var eval = CliRunner.Invoke("eval", "--policy", "policies", "--input", inventory, "--format", "json", "--fail-on", "none");

        Assert.That(collect.ExitCode, Is.EqualTo(0), "only a run where every call failed is an error (collect --help): " + collect.Error);
        Assert.That(collect.Out, Does.StartWith("wrote 4 resources to "), "three volumes and the Region's (unknown) encryption-by-default setting");
        Assert.That(collect.Error, Does.Contain("sec08: warning: ebs in eu-west-1 (account 111122223333): ec2:DescribeSnapshots failed: UnauthorizedOperation"));
        Assert.That(collect.Error, Does.Contain("sec08: warning: s3 in eu-west-1 (account 111122223333): s3:ListBuckets failed: AccessDenied"));
        var resources = JsonNode.Parse(File.ReadAllText(inventory))!["resources"]!.AsArray();
        Assert.That(resources.Select(r => r!["id"]!.GetValue<string>()).Where(id => id.Contains(":volume/", StringComparison.Ordinal)), Has.Exactly(3).Items);
        var unencrypted = resources.Single(r => r!["id"]!.GetValue<string>().EndsWith("volume/vol-2", StringComparison.Ordinal))!;
        Assert.That(unencrypted["encryption"]!["enabled"]!.GetValue<bool>(), Is.False);
        var errors = JsonNode.Parse(File.ReadAllText(inventory))!["errors"]!.AsArray();
        Assert.That(errors.Select(e => e!["message"]!.GetValue<string>()), Has.Some.StartsWith("ec2:DescribeSnapshots failed"));
        Assert.That(errors.Select(e => e!["message"]!.GetValue<string>()), Has.None.StartsWith("ec2:DescribeVolumes"), "the call that answered is not counted as failed");
        Assert.That(eval.ExitCode, Is.EqualTo(0), eval.Error);
        Assert.That(JsonNode.Parse(eval.Out)!["summary"]!["fail"]!.GetValue<int>(), Is.GreaterThan(0), "the unencrypted volume read is checked");
    }

    [Test]
    public async Task Collect_Replay_OnlyAnEncryptionConfigurationNotFoundIsTheDefault()
    {
        using var server = Server();
        server.Accounts[MainKey].Buckets.AddRange(
        [
            new ReplayBucket("acme-unconfigured", "eu-west-1", null, null, []),
            new ReplayBucket("acme-deleted", "eu-west-1", "aws:kms", Cmk, []) { Gone = true },
        ]);

        var result = await new AwsCollector(Options(server, "eu-west-1")).CollectAsync();

        var unconfigured = Find(result.Resources, ":acme-unconfigured").Encryption!;
        Assert.That((unconfigured.Enabled.Value, unconfigured.KeyManager.Value), Is.EqualTo((true, (KeyManager?)KeyManager.AwsOwned)), "ServerSideEncryptionConfigurationNotFoundError: SSE-S3");
        var deleted = Find(result.Resources, ":acme-deleted").Encryption!;
        Assert.That(deleted.Enabled.IsKnown, Is.False, "NoSuchBucket is not \"encrypted\"");
        Assert.That(deleted.Enabled.UnknownReason, Does.StartWith("s3:GetEncryptionConfiguration failed: NoSuchBucket"));
    }

    [Test]
    public async Task Collect_Replay_ListKeysDeniedStillListsAliasesAndDescribesTheirKeys()
    {
        using var server = Server();
        server.Accounts[MainKey].Denied.Add("kms:ListKeys");

        var result = await new AwsCollector(Options(server, "eu-west-1")).CollectAsync();

        Assert.That(server.Log, Does.Contain("kms:ListAliases eu-west-1"));
        Assert.That(result.Errors.Select(e => e.Message), Has.Some.StartsWith("kms:ListKeys failed: AccessDeniedException"));
        Assert.That(
            result.Resources.Where(r => r.Kind == ResourceKind.KmsKey).Select(r => r.Id),
            Is.EquivalentTo(new[] { "k1", "k2", "k3" }.Select(k => $"arn:aws:kms:eu-west-1:{Account}:key/{k}")),
            "the keys the aliases name");
        Assert.That(Find(result.Resources, ":key/k3").Key!.Manager.Value, Is.EqualTo(KeyManager.AwsManaged));
        Assert.That(Find(result.Resources, ":acme-cmk").Encryption!.KeyManager.Value, Is.EqualTo(KeyManager.Customer), "data still links to its key");
    }

    [Test]
    public async Task Collect_Replay_AnAwsManagedAliasTellsTheManagerWhenDescribeKeyIsDenied()
    {
        using var server = Server();
        server.Accounts[MainKey].Denied.UnionWith(["kms:ListKeys", "kms:DescribeKey"]);

        var result = await new AwsCollector(Options(server, "eu-west-1")).CollectAsync();

        Assert.That(Find(result.Resources, ":key/k3").Key!.Manager.Value, Is.EqualTo(KeyManager.AwsManaged), "only AWS names its keys alias/aws/...");
        var customer = Find(result.Resources, ":key/k1").Key!;
        Assert.That(customer.Manager.IsKnown, Is.False);
        Assert.That(customer.Manager.UnknownReason, Does.StartWith("kms:DescribeKey failed: AccessDeniedException"));
        Assert.That(result.NothingCollected, Is.False);
    }
}
