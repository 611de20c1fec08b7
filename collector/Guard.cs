namespace Sec08Policy.Collector;

/// <summary>
/// Runs API calls under the concurrency limit and turns a failed call into an outcome the caller records as an
/// Unknown fact, so one denied bucket does not stop the collection. Counts the calls that answered: a run is a
/// failure only when no call at all answered.
/// </summary>
internal sealed class Guard(int maxConcurrency) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(maxConcurrency, maxConcurrency);
    private int _answered;

    /// <summary>Calls that answered (a listing page, a description), however little they held.</summary>
    public int Answered => Volatile.Read(ref _answered);

    public async Task<CallOutcome<T>> Try<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellation)
    {
        await _slots.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            var value = await call(cancellation).ConfigureAwait(false);
            Interlocked.Increment(ref _answered);
            return new(value, null, null);
        }
        catch (Exception e) when (AwsErrors.IsCallFailure(e) && !cancellation.IsCancellationRequested)
        {
            return new(default, AwsErrors.Describe(operation, e), (e as Amazon.Runtime.AmazonServiceException)?.ErrorCode);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}

/// <summary>What a guarded call gave: its value, or why it failed and AWS's error code when there was one.</summary>
internal readonly record struct CallOutcome<T>(T? Value, string? Failure, string? ErrorCode)
{
    public void Deconstruct(out T? value, out string? failure)
    {
        value = Value;
        failure = Failure;
    }
}
