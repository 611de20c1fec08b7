namespace Sec08Policy.Collector;

/// <summary>
/// Runs API calls under the concurrency limit and turns a failed call into an outcome the caller records as an
/// Unknown fact, so one denied bucket does not stop the collection.
/// </summary>
internal sealed class Guard(int maxConcurrency) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(maxConcurrency, maxConcurrency);

    public async Task<(T? Value, string? Failure)> Try<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellation)
    {
        await _slots.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            return (await call(cancellation).ConfigureAwait(false), null);
        }
        catch (Exception e) when (AwsErrors.IsCallFailure(e) && !cancellation.IsCancellationRequested)
        {
            return (default, AwsErrors.Describe(operation, e));
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
