using Sec08Policy.Collector.JsonApi;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Inputs.Inventory;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>
/// Reads what is deployed, for each account (the credentials' own, or one per assumed role) and each Region, in
/// parallel under a concurrency limit: every type of the resource catalogue from its live source (<see cref="LivePlan"/>),
/// the AWS SDK clients (S3, KMS, EBS, DynamoDB, SQS), a service's own JSON API (DAX, FSx, Glue, DLM), AWS Cloud
/// Control API or AWS Config. Failures stay local and are counted per call: a
/// denied call makes what it would have shown Unknown (or missing, for a listing, with an error entry), everything
/// read is kept, and only a run in which no call at all answered is fatal.
/// </summary>
public sealed class AwsCollector(CollectOptions options)
{
    public async Task<CollectResult> CollectAsync(CancellationToken cancellation = default)
    {
        if (options.Regions.Count == 0)
        {
            throw new CollectException("give at least one Region");
        }

        var baseCredentials = Accounts.Base(options);
        using var http = JsonApiClient.NewHttpClient();
        using var guard = new Guard(options.MaxConcurrency);
        var resources = new List<Resource>();
        var errors = new List<InventoryError>();
        var roles = options.AssumeRoles.Count == 0 ? new string?[] { null } : options.AssumeRoles.Select(r => (string?)r).ToArray();
        foreach (var role in roles)
        {
            var (account, credentials, failure) = await Accounts.Open(options, http, baseCredentials, role, cancellation).ConfigureAwait(false);
            if (failure is not null)
            {
                errors.Add(new InventoryError(null, options.Regions[0], "sts", failure));
                continue;
            }

            var clients = new ClientFactory(options, credentials!, http);
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
                work.Add(ApiCollector.Collect(scope, LivePlan.Api));
                work.Add(CloudControlCollector.Collect(scope, LivePlan.CloudControl));
                work.Add(ConfigCollector.Collect(scope, LivePlan.Config));
            }

            var before = resources.Count;
            foreach (var batch in await Task.WhenAll(work).ConfigureAwait(false))
            {
                resources.AddRange(batch);
            }

            var accountErrors = scopes.SelectMany(s => s.Errors).ToList();
            errors.AddRange(accountErrors);
            options.Progress?.Report($"account {account}: {resources.Count - before} resources, {accountErrors.Count} errors");
        }

        var ordered = resources
            .Select(NotCollected)
            .OrderBy(r => r.Account.ValueOrDefault, StringComparer.Ordinal)
            .ThenBy(r => r.Region.IsKnown ? r.Region.Value : string.Empty, StringComparer.Ordinal)
            .ThenBy(r => r.Type, StringComparer.Ordinal)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var sortedErrors = errors
            .OrderBy(e => e.Account, StringComparer.Ordinal).ThenBy(e => e.Region, StringComparer.Ordinal)
            .ThenBy(e => e.Service, StringComparer.Ordinal).ThenBy(e => e.Message, StringComparer.Ordinal)
            .ToList();
        return new CollectResult(InputSetResolver.Resolve(ordered), sortedErrors) { NothingCollected = guard.Answered == 0 };
    }

    /// <summary>
    /// The native collectors read encryption only: the copies and retention of a type that has them are Unknown, as an
    /// inventory that leaves them out says, never absent.
    /// </summary>
    private static Resource NotCollected(Resource resource) => resource switch
    {
        { Kind: not ResourceKind.DataStore } => resource,
        { Entry.MakesCopies: true, Copies: null, NothingCopied: null } => NotCollected(resource with { Copies = EncryptionState.Unknown("live collection does not read the encryption of its copies") }),
        { Entry.KeepsRetention: true, Retention: null } => resource with { Retention = RetentionFacts.Unknown("live collection does not read how long it keeps its data") },
        _ => resource,
    };
}
