namespace Sec08Policy.Collector.JsonApi;

/// <summary>One page of a service's listing: its items, and the token of the next page (null at the end).</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken);
