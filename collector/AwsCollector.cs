using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.SecurityToken.Model;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Inputs.Inventory;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>
/// Reads what is deployed through the AWS SDK: for each account (the credentials' own, or one per assumed role) and
/// each Region, S3, KMS, EBS, DynamoDB and SQS, in parallel under a concurrency limit. Failures stay local: a denied
/// call makes a fact Unknown, a failed listing is reported as an error entry, and only a run where everything failed
/// is fatal. RDS, IAM and Organizations have no SDK here; read them from AWS Config inputs.
/// </summary>
public sealed class AwsCollector(CollectOptions options)
{
    public async Task<CollectResult> CollectAsync(CancellationToken cancellation = default)
    {
        if (options.Regions.Count == 0)
        {
            throw new CollectException("give at least one Region");
        }

        var baseCredentials = BaseCredentials(options);
        using var guard = new Guard(options.MaxConcurrency);
        var resources = new List<Resource>();
        var errors = new List<InventoryError>();
        var attempted = 0;
        var failed = 0;
        var roles = options.AssumeRoles.Count == 0 ? new string?[] { null } : options.AssumeRoles.Select(r => (string?)r).ToArray();
        foreach (var role in roles)
        {
            var (account, credentials, failure) = await Account(baseCredentials, role, cancellation).ConfigureAwait(false);
            if (failure is not null)
            {
                errors.Add(new InventoryError(null, options.Regions[0], "sts", failure));
                attempted++;
                failed++;
                continue;
            }

            var clients = new ClientFactory(options, credentials!);
            options.Progress?.Report($"account {account}: collecting in {string.Join(", ", options.Regions)}");
            var scopes = options.Regions.Select(r => new Scope(account!, r, clients, guard, cancellation)).ToList();
            var work = new List<Task<List<Resource>>>
            {
                S3Collector.Collect(scopes[0], options.Regions),
            };
            foreach (var scope in scopes)
            {
                work.Add(KmsCollector.Collect(scope));
                work.Add(Ec2Collector.Collect(scope));
                work.Add(DynamoDbCollector.Collect(scope));
                work.Add(SqsCollector.Collect(scope));
            }

            foreach (var batch in await Task.WhenAll(work).ConfigureAwait(false))
            {
                resources.AddRange(batch);
            }

            var accountErrors = scopes.SelectMany(s => s.Errors).ToList();
            errors.AddRange(accountErrors);
            attempted += work.Count;
            failed += accountErrors.Select(e => (e.Region, e.Service)).Distinct().Count();
            options.Progress?.Report($"account {account}: {resources.Count} resources, {accountErrors.Count} errors");
        }

        var ordered = resources
            .OrderBy(r => r.Account.ValueOrDefault, StringComparer.Ordinal)
            .ThenBy(r => r.Region.IsKnown ? r.Region.Value : string.Empty, StringComparer.Ordinal)
            .ThenBy(r => r.Type, StringComparer.Ordinal)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var sortedErrors = errors.OrderBy(e => e.Account, StringComparer.Ordinal).ThenBy(e => e.Region, StringComparer.Ordinal).ThenBy(e => e.Service, StringComparer.Ordinal).ToList();
        return new CollectResult(InputSetResolver.Resolve(ordered), sortedErrors) { NothingCollected = attempted > 0 && failed >= attempted };
    }

    /// <summary>The credentials given, or the named profile's; null for the SDK's default chain.</summary>
    internal static AWSCredentials? BaseCredentials(CollectOptions options)
    {
        if (options.Credentials is not null)
        {
            return options.Credentials;
        }

        if (options.Profile is { } profile)
        {
            return new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var credentials)
                ? credentials
                : throw new CollectException($"profile `{profile}` is not in the shared credentials or config files");
        }

        return null; // the SDK's default chain: environment, profile, container and instance credentials
    }

    /// <summary>The account ID and credentials for one account; assumes the role when there is one.</summary>
    private async Task<(string? Account, AWSCredentials? Credentials, string? Failure)> Account(AWSCredentials? baseCredentials, string? role, CancellationToken cancellation)
    {
        var region = options.Regions[0];
        try
        {
            var credentials = baseCredentials ?? DefaultCredentials();
            if (role is not null)
            {
                using var sts = new ClientFactory(options, credentials).Sts(region);
                var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role, RoleSessionName = "sec08-collect", DurationSeconds = 3600 }, cancellation).ConfigureAwait(false);
                var c = assumed.Credentials;
                credentials = new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken);
            }

            using var identity = new ClientFactory(options, credentials).Sts(region);
            var caller = await identity.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellation).ConfigureAwait(false);
            return (caller.Account, credentials, null);
        }
        catch (Exception e) when (AwsErrors.IsCallFailure(e) && !cancellation.IsCancellationRequested)
        {
            return (null, null, AwsErrors.Describe(role is null ? "sts:GetCallerIdentity" : $"sts:AssumeRole {role}", e));
        }
    }

    internal static AWSCredentials DefaultCredentials()
    {
        try
        {
            return Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials();
        }
        catch (AmazonClientException e)
        {
            throw new CollectException("no AWS credentials found (environment, shared files, container or instance role): " + e.Message, e);
        }
    }
}
