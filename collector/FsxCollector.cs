using System.Text.Json;
using System.Text.Json.Nodes;
using Sec08Policy.Collector.JsonApi;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>
/// FSx file systems in one account and Region: every page of <c>DescribeFileSystems</c>, each file system in the
/// CloudFormation shape (<c>AWS::FSx::FileSystem</c>: <c>FileSystemType</c>, <c>KmsKeyId</c>, <c>Tags</c>). FSx
/// always encrypts; the catalogue's paths tell which key.
/// </summary>
internal static class FsxCollector
{
    public static async Task<List<Resource>> Collect(Scope scope, ResourceEntry type)
    {
        var api = scope.Clients.Fsx(scope.Region);
        var fileSystems = await Pages.ReadAll(scope, type.Type, api.Action, (token, c) => api.DescribeFileSystemsAsync(token, FileSystem, c)).ConfigureAwait(false) ?? [];
        return [.. fileSystems.Select(f => CloudFormationShaped.Read(scope, type, f.Id, f.Properties, f.Arn, api.Action))];
    }

    private static FsxFileSystem FileSystem(JsonElement element)
    {
        const string What = "a file system";
        var fileSystem = JsonShape.Object(element, What);
        var id = JsonShape.String(fileSystem, "FileSystemId", What);
        var arn = JsonShape.OptionalString(fileSystem, "ResourceARN", What);
        var properties = new JsonObject { ["Id"] = id };
        foreach (var name in (ReadOnlySpan<string>)["FileSystemType", "KmsKeyId", "ResourceARN"])
        {
            if (JsonShape.OptionalString(fileSystem, name, What) is { } value)
            {
                properties[name] = value;
            }
        }

        properties["Tags"] = CloudFormationShaped.TagList(JsonShape.Array(fileSystem, "Tags", What).Select(JsonShape.Tag));
        return new FsxFileSystem(id, arn, properties);
    }

    private sealed record FsxFileSystem(string Id, string? Arn, JsonObject Properties);
}
