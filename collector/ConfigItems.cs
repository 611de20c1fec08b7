using System.Text;
using Sec08Policy.Collector.JsonApi;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Inputs.Config;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>
/// The AWS Config advanced query sec08 runs for one type, and its results (configuration items as JSON text)
/// normalised by <see cref="ConfigItemAdapter"/>, as a Config snapshot's items are.
/// </summary>
internal static class ConfigItems
{
    /// <summary>The configuration item fields the adapter reads; <c>configuration</c> and the rest come whole.</summary>
    private const string Fields = "resourceId, resourceName, resourceType, arn, accountId, awsRegion, configuration, supplementaryConfiguration, tags";

    /// <summary>The query for every current configuration item of one type.</summary>
    public static string Query(string configType) =>
        $"SELECT {Fields} WHERE resourceType = '{configType.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>
    /// One result as a resource, positioned where it lives (<c>aws://account/Region/type</c>); null for a resource
    /// Config reports deleted. <paramref name="type"/> is the type queried, under which a result that is no
    /// configuration item is reported: <see cref="MalformedResponseException"/> with the account and Region when they
    /// can be read.
    /// </summary>
    public static Resource? Read(string result, string type, string source)
    {
        InputNode node;
        try
        {
            node = JsonTreeReader.Parse(Encoding.UTF8.GetBytes(result), source);
        }
        catch (InputException e)
        {
            throw new MalformedResponseException($"a {type} result is not JSON: {e.Message}");
        }

        if (node is not MappingNode item || !ConfigItemAdapter.IsItem(item))
        {
            throw new MalformedResponseException($"a {type} result is not a configuration item (it has no `resourceType`)");
        }

        Resource? resource;
        try
        {
            resource = ConfigItemAdapter.Read(item);
        }
        catch (InputException e)
        {
            throw new MalformedItemException(Text(item, "accountId"), Text(item, "awsRegion"), $"a {type} configuration item is malformed: {e.Message}");
        }

        return resource is null ? null : resource with
        {
            Position = LivePosition.Of(resource.Account.ValueOrDefault, resource.Region.ValueOrDefault, resource.Type, Text(item, "resourceId") ?? resource.Id),
        };
    }

    private static string? Text(MappingNode item, string key) => (item.Get(key, ignoreCase: true) as ScalarNode)?.Text;
}

/// <summary>A configuration item that is JSON but not one the adapter can read, with where it comes from.</summary>
internal sealed class MalformedItemException(string? account, string? region, string message) : Exception(message)
{
    public string? Account { get; } = account;

    public string? Region { get; } = region;
}
