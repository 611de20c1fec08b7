namespace Sec08Policy.Collector;

/// <summary>Reads every page of a listing; a failed page ends the listing and is recorded for the service.</summary>
internal static class Pages
{
    /// <summary>
    /// The items of all pages, or null when the first page already failed (the service is then missing for the
    /// Region); a later failure keeps the items read so far and records the failure.
    /// </summary>
    public static async Task<List<TItem>?> ReadAll<TPage, TItem>(
        Scope scope,
        string service,
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
                scope.Failed(service, failure!);
                return first ? null : all;
            }

            all.AddRange(items(page) ?? []);
            token = next(page);
            first = false;
        }
        while (!string.IsNullOrEmpty(token));

        return all;
    }
}
