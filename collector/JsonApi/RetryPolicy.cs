using System.Collections.Frozen;

namespace Sec08Policy.Collector.JsonApi;

/// <summary>
/// Which failures deserve another attempt (throttling, a server error, a connection that failed or timed out) and how
/// long to wait before it: exponential backoff with full jitter from 100 ms, capped at 20 s, as the AWS SDKs' standard
/// retry mode does. A malformed answer or a client error (denied, invalid) is final.
/// </summary>
internal static class RetryPolicy
{
    // The throttling codes the AWS SDKs retry (botocore's _retry.json, the .NET SDK's standard mode).
    private static readonly FrozenSet<string> s_throttling = FrozenSet.ToFrozenSet(
    [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException", "RequestTimeout", "RequestTimeoutException",
    ], StringComparer.Ordinal);

    private static readonly TimeSpan s_base = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_cap = TimeSpan.FromSeconds(20);

    public static bool IsRetryable(Exception error) => error switch
    {
        JsonApiException api => s_throttling.Contains(api.ErrorCode) || (int)api.StatusCode == 429 || ((int)api.StatusCode >= 500 && (int)api.StatusCode != 501),
        HttpRequestException or TimeoutException or IOException => true,
        _ => false,
    };

    /// <summary>The wait before retry number <paramref name="attempt"/> + 1 (0 for the first retry).</summary>
    public static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(s_cap.TotalMilliseconds, s_base.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
