using System.Text.Json;
using System.Text.Json.Nodes;
using Sec08Policy.Collector.JsonApi;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>
/// Glue security configurations in one account and Region: every page of <c>GetSecurityConfigurations</c>, each in
/// the CloudFormation shape (<c>AWS::Glue::SecurityConfiguration</c>). The API's list is <c>S3Encryption</c> where
/// CloudFormation's is <c>S3Encryptions</c>; the other two parts have the same names. Glue gives no ARN for them.
/// </summary>
internal static class GlueSecurityCollector
{
    public static async Task<List<Resource>> Collect(Scope scope, ResourceEntry type)
    {
        var api = scope.Clients.Glue(scope.Region);
        var configurations = await Pages.ReadAll(scope, type.Type, api.Action, (token, c) => api.GetSecurityConfigurationsAsync(token, Configuration, c)).ConfigureAwait(false) ?? [];
        return [.. configurations.Select(c => CloudFormationShaped.Read(scope, type, c.Name, c.Properties, null, api.Action))];
    }

    private static (string Name, JsonObject Properties) Configuration(JsonElement element)
    {
        const string What = "a security configuration";
        var configuration = JsonShape.Object(element, What);
        var name = JsonShape.String(configuration, "Name", What);
        var properties = new JsonObject { ["Name"] = name };
        if (configuration.TryGetProperty("EncryptionConfiguration", out var given) && given.ValueKind != JsonValueKind.Null)
        {
            var encryption = JsonShape.Object(given, "the `EncryptionConfiguration` of " + What);
            properties["EncryptionConfiguration"] = new JsonObject
            {
                ["S3Encryptions"] = new JsonArray([.. JsonShape.Array(encryption, "S3Encryption", "an `EncryptionConfiguration`").Select(e => (JsonNode)Part(e, "S3EncryptionMode"))]),
                ["CloudWatchEncryption"] = Optional(encryption, "CloudWatchEncryption", "CloudWatchEncryptionMode"),
                ["JobBookmarksEncryption"] = Optional(encryption, "JobBookmarksEncryption", "JobBookmarksEncryptionMode"),
            };
        }

        return (name, properties);
    }

    private static JsonObject? Optional(JsonElement encryption, string member, string mode) =>
        encryption.TryGetProperty(member, out var part) && part.ValueKind != JsonValueKind.Null ? Part(part, mode) : null;

    /// <summary>One part of the encryption configuration: its mode and key, the members both shapes share.</summary>
    private static JsonObject Part(JsonElement element, string mode)
    {
        var what = $"a part with `{mode}`";
        var part = JsonShape.Object(element, what);
        var copy = new JsonObject();
        foreach (var name in (ReadOnlySpan<string>)[mode, "KmsKeyArn"])
        {
            if (JsonShape.OptionalString(part, name, what) is { } value)
            {
                copy[name] = value;
            }
        }

        return copy;
    }
}
