using Amazon.Runtime;

namespace Sec08Policy.Collector;

/// <summary>What to collect and how: Regions, credentials (profile, roles to assume per account), endpoint, limits.</summary>
public sealed record CollectOptions
{
    /// <summary>The Regions to read; at least one.</summary>
    public required IReadOnlyList<string> Regions { get; init; }

    /// <summary>A named profile from the shared config files; the standard credential chain when null.</summary>
    public string? Profile { get; init; }

    /// <summary>Roles to assume, one per account; the base credentials' own account when empty.</summary>
    public IReadOnlyList<string> AssumeRoles { get; init; } = [];

    /// <summary>
    /// The AWS Config aggregator <see cref="OrganizationCollector"/> reads a whole organization through, in the one
    /// Region of <see cref="Regions"/>, with the base credentials or the one role of <see cref="AssumeRoles"/>;
    /// <see cref="AwsCollector"/>, which reads account by account, does not use it.
    /// </summary>
    public string? ConfigAggregator { get; init; }

    /// <summary>An endpoint that replaces every service's (a VPC endpoint, a local emulator, a replay server).</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>How many API calls run at once.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>The longest one HTTP attempt may take; the SDK's retries come on top.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries per call for throttling and transient errors, with the SDK's backoff.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>Credentials to use instead of the chain (tests; embedding applications).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Progress lines for a terminal; null in CI.</summary>
    public IProgress<string>? Progress { get; init; }
}
