using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>DynamoDB tables of one Region: SSEDescription (absent means the AWS owned key) and tags.</summary>
internal static class DynamoDbCollector
{
    public static async Task<List<Resource>> Collect(Scope scope)
    {
        using var dynamo = scope.Clients.DynamoDb(scope.Region);
        var names = await Pages.ReadAll(
            scope, "dynamodb", "dynamodb:ListTables",
            (start, c) => dynamo.ListTablesAsync(new ListTablesRequest { ExclusiveStartTableName = start, Limit = 100 }, c),
            page => page.TableNames,
            page => page.LastEvaluatedTableName).ConfigureAwait(false);
        return names is null ? [] : [.. await Task.WhenAll(names.Select(n => Table(dynamo, scope, n))).ConfigureAwait(false)];
    }

    private static async Task<Resource> Table(IAmazonDynamoDB dynamo, Scope scope, string name)
    {
        var arn = $"arn:aws:dynamodb:{scope.Region}:{scope.Account}:table/{name}";
        var (described, failure) = await scope.Try("dynamodb:DescribeTable", c => dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = name }, c)).ConfigureAwait(false);
        var (tagged, tagFailure) = await scope.Try("dynamodb:ListTagsOfResource", c => dynamo.ListTagsOfResourceAsync(new ListTagsOfResourceRequest { ResourceArn = described?.Table?.TableArn ?? arn }, c)).ConfigureAwait(false);
        var resource = scope.New("AWS::DynamoDB::Table", name, described?.Table?.TableArn ?? arn) with
        {
            Tags = Scope.Tags(tagged?.Tags?.Select(t => new KeyValuePair<string, string>(t.Key, t.Value)), tagFailure),
        };

        if (described?.Table is not { } table)
        {
            return resource with { Encryption = EncryptionState.Unknown(failure ?? "dynamodb:DescribeTable returned no table") };
        }

        var sse = table.SSEDescription;
        return resource with
        {
            Encryption = sse is null || sse.Status?.Value is "DISABLED" or "DISABLING"
                ? EncryptionState.ServiceOwned("AES256")
                : EncryptionState.Kms(Fact<string?>.Known(string.IsNullOrEmpty(sse.KMSMasterKeyArn) ? null : sse.KMSMasterKeyArn), "aws:kms", "alias/aws/dynamodb"),
        };
    }
}
