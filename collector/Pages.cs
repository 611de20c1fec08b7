using Sec08Policy.Collector.JsonApi;

namespace Sec08Policy.Collector;

/// <summary>Reads every page of a listing; a failed page ends the listing.</summary>
internal static class Pages
{
    /// <summary>
    /// The items of all pages, or null when the first page already failed (the service is then missing for the
    /// Region); a later failure keeps the items read so far. A failure is recorded for <paramref name="service"/>.
    /// </summary>
    public static async Task<List<TItem>?> ReadAll<TPage, TItem>(
        Scope scope,
        string service,
        string operation,
        Func<string?, CancellationToken, Task<TPage>> call,
        Func<TPage, IEnumerable<TItem>?> items,
        Func<TPage, string?> next)
    {
        var (all, failure) = await TryReadAll(scope, operation, call, items, next).ConfigureAwait(false);
        if (failure is not null)
        {
            scope.Failed(service, failure);
        }

        return all;
    }

    /// <summary>Every page of a listing whose pages are <see cref="Page{T}"/>s, as <see cref="ReadAll{TPage, TItem}"/> reads them.</summary>
    public static Task<List<T>?> ReadAll<T>(Scope scope, string service, string operation, Func<string?, CancellationToken, Task<Page<T>>> call) =>
        ReadAll(scope, service, operation, call, page => page.Items, page => page.NextToken);

    /// <summary>Every page of a listing whose pages are <see cref="Page{T}"/>s, as <see cref="TryReadAll{TPage, TItem}"/> reads them.</summary>
    public static Task<(List<T>? Items, string? Failure)> TryReadAll<T>(Scope scope, string operation, Func<string?, CancellationToken, Task<Page<T>>> call) =>
        TryReadAll(scope, operation, call, page => page.Items, page => page.NextToken);

    /// <summary>
    /// The items of all pages and, when a page failed, why (the items read before it, or null when it was the first);
    /// the caller decides what the failure makes Unknown.
    /// </summary>
    public static async Task<(List<TItem>? Items, string? Failure)> TryReadAll<TPage, TItem>(
        Scope scope,
        string operation,
        Func<string?, CancellationToken, Task<TPage>> call,
        Func<TPage, IEnumerable<TItem>?> items,
        Func<TPage, string?> next)
    {
        var all = new List<TItem>();
        string? token = null;
        var first = true;
        do
        {
            var marker = token;
            var (page, failure) = await scope.Try(operation, c => call(marker, c)).ConfigureAwait(false);
            if (page is null)
            {
                return (first ? null : all, failure!);
            }

            all.AddRange(items(page) ?? []);
            token = next(page);
            first = false;
        }
        while (!string.IsNullOrEmpty(token));

        return (all, null);
    }
}
