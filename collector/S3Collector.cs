using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>
/// S3 buckets of an account (ListBuckets is global) with Region, default encryption (algorithm and KMS key) and tags.
/// A bucket whose encryption cannot be read is kept with its encryption Unknown.
/// </summary>
internal static class S3Collector
{
    public static async Task<List<Resource>> Collect(Scope scope, IReadOnlyCollection<string> regions)
    {
        using var s3 = scope.Clients.S3(scope.Region);
        var buckets = await Pages.ReadAll(
            scope, "s3", "s3:ListBuckets",
            (token, c) => s3.ListBucketsAsync(new ListBucketsRequest { ContinuationToken = token, MaxBuckets = 1000 }, c),
            page => page.Buckets,
            page => page.ContinuationToken).ConfigureAwait(false);
        if (buckets is null)
        {
            return [];
        }

        var resources = await Task.WhenAll(buckets.Select(b => Bucket(s3, scope, b))).ConfigureAwait(false);

        // Only buckets in the Regions asked for; a bucket whose Region is unknown is kept (it might be one of them).
        return [.. resources.Where(r => !r.Region.IsKnown || r.Region.Value is null || regions.Contains(r.Region.Value))];
    }

    private static async Task<Resource> Bucket(IAmazonS3 s3, Scope scope, S3Bucket bucket)
    {
        var name = bucket.BucketName;
        var resource = scope.New("AWS::S3::Bucket", name, $"arn:aws:s3:::{name}");
        var region = await Region(s3, scope, bucket).ConfigureAwait(false);
        var (encryption, encryptionFailure) = await scope.Try("s3:GetEncryptionConfiguration", c => Encryption(s3, name, c)).ConfigureAwait(false);
        var (tagging, tagFailure) = await scope.Try("s3:GetBucketTagging", c => Tagging(s3, name, c)).ConfigureAwait(false);
        return resource with
        {
            Region = region,
            Tags = Scope.Tags(tagging?.Select(t => new KeyValuePair<string, string>(t.Key, t.Value)), tagFailure),
            Encryption = encryption ?? EncryptionState.Unknown(encryptionFailure!),
        };
    }

    private static async Task<Fact<string?>> Region(IAmazonS3 s3, Scope scope, S3Bucket bucket)
    {
        if (!string.IsNullOrEmpty(bucket.BucketRegion))
        {
            return Fact<string?>.Known(bucket.BucketRegion);
        }

        var (location, failure) = await scope.Try("s3:GetBucketLocation", c => s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket.BucketName }, c)).ConfigureAwait(false);
        if (location is null)
        {
            return Fact<string?>.Unknown(failure!);
        }

        // An empty constraint means us-east-1; "EU" is the legacy name of eu-west-1.
        var value = location.Location?.Value;
        return Fact<string?>.Known(string.IsNullOrEmpty(value) ? "us-east-1" : value == "EU" ? "eu-west-1" : value);
    }

    /// <summary>
    /// The bucket's default encryption. A 404 means SSE-S3 only when its code says the bucket has no encryption
    /// configuration; any other (<c>NoSuchBucket</c> for a bucket deleted meanwhile) is a failed call.
    /// </summary>
    private static async Task<EncryptionState> Encryption(IAmazonS3 s3, string bucket, CancellationToken cancellation)
    {
        var notFound = S3NotFoundCodes.Expect();
        var response = await s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket }, cancellation).ConfigureAwait(false);
        if (response.HttpStatusCode != HttpStatusCode.NotFound)
        {
            return State(response);
        }

        return notFound.Value == "ServerSideEncryptionConfigurationNotFoundError"
            ? EncryptionState.ServiceOwned("AES256") // S3 encrypts every new object with SSE-S3 since 2023-01-05.
            : throw new AmazonS3Exception(
                "HTTP 404 to GetBucketEncryption", ErrorType.Sender, string.IsNullOrEmpty(notFound.Value) ? "NotFound" : notFound.Value, null, HttpStatusCode.NotFound);
    }

    /// <summary>A bucket without tags answers NoSuchTagSet, which is no tags, not a failure.</summary>
    private static async Task<List<Tag>> Tagging(IAmazonS3 s3, string bucket, CancellationToken cancellation)
    {
        try
        {
            return (await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }, cancellation).ConfigureAwait(false)).TagSet ?? [];
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchTagSet")
        {
            return [];
        }
    }

    private static EncryptionState State(GetBucketEncryptionResponse response)
    {
        var rule = response.ServerSideEncryptionConfiguration?.ServerSideEncryptionRules?.FirstOrDefault();
        var byDefault = rule?.ServerSideEncryptionByDefault;
        var algorithm = byDefault?.ServerSideEncryptionAlgorithm?.Value;
        return algorithm is "aws:kms" or "aws:kms:dsse"
            ? EncryptionState.Kms(Fact<string?>.Known(string.IsNullOrEmpty(byDefault!.ServerSideEncryptionKeyManagementServiceKeyId) ? null : byDefault.ServerSideEncryptionKeyManagementServiceKeyId), algorithm, "alias/aws/s3")
            : EncryptionState.ServiceOwned(algorithm ?? "AES256");
    }
}
