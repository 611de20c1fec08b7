using System.Collections.Immutable;
using System.Collections.Concurrent;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Inputs.Inventory;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>One account and Region being read: clients, the call guard, and where resources and failures go.</summary>
internal sealed class Scope(string account, string region, ClientFactory clients, Guard guard, CancellationToken cancellation)
{
    private readonly ConcurrentBag<InventoryError> _errors = [];
    private readonly ConcurrentDictionary<(string Part, string Operation), bool> _reported = new();

    public string Account { get; } = account;

    public string Region { get; } = region;

    public ClientFactory Clients { get; } = clients;

    public IEnumerable<InventoryError> Errors => _errors;

    public Task<CallOutcome<T>> Try<T>(string operation, Func<CancellationToken, Task<T>> call) =>
        guard.Try(operation, call, cancellation);

    /// <summary>Records a listing that failed: the service's resources in this Region are missing, and the report says so.</summary>
    public void Failed(string service, string failure) => _errors.Add(new InventoryError(Account, Region, service, failure));

    /// <summary>
    /// Records, once per part and operation, a call about one resource that failed (the resource stays, its facts
    /// Unknown): every resource of a type denied the same way would otherwise repeat it.
    /// </summary>
    public void FailedOnce(string part, string operation, string failure)
    {
        if (_reported.TryAdd((part, operation), true))
        {
            Failed(part, failure);
        }
    }

    /// <summary>Where a live resource "is": the API, for reports that point at a position.</summary>
    public SourcePosition Position(string type, string id) => LivePosition.Of(Account, Region, type, id);

    public Resource New(string type, string id, string? arn) => new()
    {
        Type = type,
        Entry = ResourceCatalog.Default.Find(type),
        Id = arn ?? id,
        Position = Position(type, id),
        Arn = Fact<string?>.Known(arn),
        Account = Fact<string?>.Known(Account),
        Region = Fact<string?>.Known(Region),
    };

    public static Fact<ImmutableSortedDictionary<string, string>> Tags(IEnumerable<KeyValuePair<string, string>>? tags, string? failure) =>
        failure is not null
            ? Fact<ImmutableSortedDictionary<string, string>>.Unknown(failure)
            : Fact<ImmutableSortedDictionary<string, string>>.Known(
                (tags ?? []).ToImmutableSortedDictionary(t => t.Key, t => t.Value ?? string.Empty, StringComparer.Ordinal));
}
