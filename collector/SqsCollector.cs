using Amazon.SQS;
using Amazon.SQS.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>SQS queues of one Region: SSE-KMS key or SSE-SQS from the queue attributes, and tags.</summary>
internal static class SqsCollector
{
    public static async Task<List<Resource>> Collect(Scope scope)
    {
        using var sqs = scope.Clients.Sqs(scope.Region);
        var urls = await Pages.ReadAll(
            scope, "sqs", "sqs:ListQueues",
            (token, c) => sqs.ListQueuesAsync(new ListQueuesRequest { NextToken = token, MaxResults = 1000 }, c),
            page => page.QueueUrls,
            page => page.NextToken).ConfigureAwait(false);
        return urls is null ? [] : [.. await Task.WhenAll(urls.Select(u => Queue(sqs, scope, u))).ConfigureAwait(false)];
    }

    private static async Task<Resource> Queue(IAmazonSQS sqs, Scope scope, string url)
    {
        var name = url[(url.LastIndexOf('/') + 1)..];
        var (attributes, failure) = await scope.Try("sqs:GetQueueAttributes", c => sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["All"] }, c)).ConfigureAwait(false);
        var (tagged, tagFailure) = await scope.Try("sqs:ListQueueTags", c => sqs.ListQueueTagsAsync(new ListQueueTagsRequest { QueueUrl = url }, c)).ConfigureAwait(false);
        var values = attributes?.Attributes ?? [];
        var arn = values.GetValueOrDefault("QueueArn") ?? $"arn:aws:sqs:{scope.Region}:{scope.Account}:{name}";
        var resource = scope.New("AWS::SQS::Queue", name, arn) with
        {
            Tags = Scope.Tags(tagged?.Tags, tagFailure),
        };

        if (attributes is null)
        {
            return resource with { Encryption = EncryptionState.Unknown(failure!) };
        }

        var key = values.GetValueOrDefault("KmsMasterKeyId");
        return resource with
        {
            Encryption = !string.IsNullOrEmpty(key)
                ? EncryptionState.Kms(Fact<string?>.Known(key), "aws:kms", "alias/aws/sqs")
                : string.Equals(values.GetValueOrDefault("SqsManagedSseEnabled"), "true", StringComparison.OrdinalIgnoreCase)
                    ? EncryptionState.ServiceOwned("SSE-SQS")
                    : EncryptionState.Unencrypted,
        };
    }
}
