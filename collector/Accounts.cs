using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.SecurityToken.Model;

namespace Sec08Policy.Collector;

/// <summary>The credentials a collection starts from, and the account each reaches: their own, or an assumed role's.</summary>
internal static class Accounts
{
    /// <summary>The credentials given, or the named profile's; null for the SDK's default chain.</summary>
    public static AWSCredentials? Base(CollectOptions options)
    {
        if (options.Credentials is not null)
        {
            return options.Credentials;
        }

        if (options.Profile is { } profile)
        {
            return new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var credentials)
                ? credentials
                : throw new CollectException($"profile `{profile}` is not in the shared credentials or config files");
        }

        return null; // the SDK's default chain: environment, profile, container and instance credentials
    }

    public static AWSCredentials Default()
    {
        try
        {
            return Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials();
        }
        catch (AmazonClientException e)
        {
            throw new CollectException("no AWS credentials found (environment, shared files, container or instance role): " + e.Message, e);
        }
    }

    /// <summary>The account ID and credentials for one account, or why it cannot be reached; assumes the role when there is one.</summary>
    public static async Task<(string? Account, AWSCredentials? Credentials, string? Failure)> Open(
        CollectOptions options, HttpClient http, AWSCredentials? baseCredentials, string? role, CancellationToken cancellation)
    {
        var region = options.Regions[0];
        try
        {
            var credentials = baseCredentials ?? Default();
            if (role is not null)
            {
                using var sts = new ClientFactory(options, credentials, http).Sts(region);
                var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role, RoleSessionName = "sec08-collect", DurationSeconds = 3600 }, cancellation).ConfigureAwait(false);
                var c = assumed.Credentials;
                credentials = new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken);
            }

            using var identity = new ClientFactory(options, credentials, http).Sts(region);
            var caller = await identity.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellation).ConfigureAwait(false);
            return (caller.Account, credentials, null);
        }
        catch (Exception e) when (AwsErrors.IsCallFailure(e) && !cancellation.IsCancellationRequested)
        {
            return (null, null, AwsErrors.Describe(role is null ? "sts:GetCallerIdentity" : $"sts:AssumeRole {role}", e));
        }
    }
}
