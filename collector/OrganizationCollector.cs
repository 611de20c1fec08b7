using System.Runtime.CompilerServices;
using Sec08Policy.Collector.JsonApi;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Inputs.Inventory;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>
/// Reads a whole organization through an AWS Config aggregator: for each Config type of the catalogue, one paged
/// <c>SelectAggregateResourceConfig</c> query returns the current configuration items of every account and Region the
/// aggregator covers. Resources stream out page by page (the next page is fetched while one is read), so memory stays
/// bounded however large the organization: KMS keys and aliases are read first and held, and every later resource is
/// linked to them as it passes. A query that fails marks its type failed and the next type goes on; a malformed item
/// marks its type failed in its account and Region, and the next item goes on.
/// </summary>
public sealed class OrganizationCollector(CollectOptions options)
{
    // Errors that concern the aggregator or the caller, not one type: every other query would fail the same way.
    private static readonly HashSet<string> s_wholeAggregator =
    [
        "NoSuchConfigurationAggregatorException", "AccessDeniedException", "UnrecognizedClientException", "InvalidClientTokenId",
        "ExpiredTokenException", "InvalidSignatureException", "SignatureDoesNotMatch",
    ];

    private readonly List<InventoryError> _errors = [];
    private readonly HashSet<(string?, string?, string)> _reported = [];
    private bool _stopped;

    /// <summary>
    /// The parts that failed, in a stable order. Deferred: enumerating it after <see cref="ReadAsync"/> has run gives
    /// them all, so an inventory writer can take it before the resources have streamed through.
    /// </summary>
    public IEnumerable<InventoryError> Errors =>
        _errors.OrderBy(e => e.Service, StringComparer.Ordinal).ThenBy(e => e.Account, StringComparer.Ordinal)
            .ThenBy(e => e.Region, StringComparer.Ordinal).ThenBy(e => e.Message, StringComparer.Ordinal);

    /// <summary>True, once <see cref="ReadAsync"/> has run, when no call at all answered.</summary>
    public bool NothingCollected { get; private set; }

    public async IAsyncEnumerable<Resource> ReadAsync([EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var aggregator = options.ConfigAggregator ?? throw new CollectException("no Config aggregator named");
        if (options.Regions.Count != 1 || options.AssumeRoles.Count > 1)
        {
            throw new CollectException("an aggregator is read in the one Region it is in, with at most one role to assume");
        }

        var baseCredentials = Accounts.Base(options);
        using var http = JsonApiClient.NewHttpClient();
        using var guard = new Guard(options.MaxConcurrency);
        NothingCollected = true;
        var role = options.AssumeRoles.Count == 0 ? null : options.AssumeRoles[0];
        var (_, credentials, failure) = await Accounts.Open(options, http, baseCredentials, role, cancellation).ConfigureAwait(false);
        if (failure is not null)
        {
            Failed(null, options.Regions[0], "sts", failure);
            yield break;
        }

        var api = new ClientFactory(options, credentials!, http).Config(options.Regions[0]);
        var keyQueries = LivePlan.Organization.Where(q => q.Entries.Any(e => e.Kind is ResourceKind.KmsKey or ResourceKind.KmsAlias)).ToList();
        var keys = new List<Resource>();
        foreach (var query in keyQueries.TakeWhile(_ => !_stopped))
        {
            await foreach (var key in Type(api, guard, aggregator, query, cancellation).ConfigureAwait(false))
            {
                keys.Add(key);
            }
        }

        var linker = new KeyLinker(keys);
        foreach (var key in keys)
        {
            yield return key;
        }

        foreach (var query in LivePlan.Organization.Except(keyQueries).TakeWhile(_ => !_stopped))
        {
            await foreach (var resource in Type(api, guard, aggregator, query, cancellation).ConfigureAwait(false))
            {
                yield return linker.Link(resource);
            }
        }

        NothingCollected = guard.Answered == 0;
    }

    private async IAsyncEnumerable<Resource> Type(ConfigApi api, Guard guard, string aggregator, ConfigQuery query, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var expression = ConfigItems.Query(query.ConfigType);
        var operation = api.Action(aggregator);
        var source = $"aws-config://{aggregator}/{query.ConfigType}";
        Task<CallOutcome<SelectPage>> Fetch(string? token) => guard.Try(operation, c => api.SelectAsync(expression, aggregator, token, c), cancellation);

        var count = 0;
        var pending = Fetch(null);
        while (pending is not null)
        {
            var (page, failure, code) = await pending.ConfigureAwait(false);
            if (page is null)
            {
                _stopped = code is not null && s_wholeAggregator.Contains(code);
                if (_stopped)
                {
                    Failed(null, null, $"aggregator {aggregator}", failure!);
                }
                else
                {
                    Failed(null, null, query.Part, $"{failure} (aggregator {aggregator}, after {count} items)");
                }

                yield break;
            }

            pending = string.IsNullOrEmpty(page.NextToken) ? null : Fetch(page.NextToken);
            foreach (var result in page.Results)
            {
                var resource = Read(result, query, operation, source);
                if (resource is not null && query.Wants(resource))
                {
                    count++;
                    yield return resource;
                }
            }
        }

        options.Progress?.Report($"aggregator {aggregator}: {count} {query.ConfigType}");
    }

    private Resource? Read(string result, ConfigQuery query, string operation, string source)
    {
        try
        {
            return ConfigItems.Read(result, query.ConfigType, source);
        }
        catch (MalformedResponseException e)
        {
            Failed(null, null, query.Part, $"{operation} failed: malformed answer: {e.Message}");
        }
        catch (MalformedItemException e)
        {
            Failed(e.Account, e.Region, query.Part, $"{operation} failed: malformed answer: {e.Message}");
        }

        return null;
    }

    /// <summary>Records a failed part once per account, Region and type: the first reason stands for the rest.</summary>
    private void Failed(string? account, string? region, string part, string message)
    {
        if (_reported.Add((account, region, part)))
        {
            _errors.Add(new InventoryError(account, region, part, message));
        }
    }
}
