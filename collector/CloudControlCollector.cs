using System.Text;
using System.Text.Json.Nodes;
using Sec08Policy.Collector.JsonApi;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>
/// The types the catalogue reads through AWS Cloud Control API, in one account and Region: every page of
/// <c>ListResources</c> (under each parent, for types listed under one; the account ID, for types Cloud Control reads
/// but does not list), then <c>GetResource</c> for each identifier (some list handlers return the identifier alone),
/// whose CloudFormation-shaped properties the CloudFormation adapter normalises as it does a template's
/// (<see cref="CloudFormationShaped"/>). A type whose
/// listing fails or answers malformed is reported for the Region, keeping what was read; a resource whose description
/// cannot be read is kept with its facts Unknown, and the type is reported once.
/// </summary>
internal static class CloudControlCollector
{
    public static Task<List<Resource>> Collect(Scope scope, IReadOnlyList<ResourceEntry> types)
    {
        var api = scope.Clients.CloudControl(scope.Region);
        return ByType.Collect(types, t => Type(api, scope, t));
    }

    private static async Task<List<Resource>> Type(CloudControlApi api, Scope scope, ResourceEntry type)
    {
        var typeName = type.Live.CloudControl!;
        var identifiers = type.Live switch
        {
            { Listing: CloudControlListing.AccountId } => [scope.Account],
            { Listing: CloudControlListing.UnderParent, Parent: { } parent } => await UnderParents(api, scope, type, typeName, parent).ConfigureAwait(false),
            _ => await List(api, scope, type, typeName, null).ConfigureAwait(false) ?? [],
        };
        var read = await Task.WhenAll(identifiers.Distinct(StringComparer.Ordinal).Select(id => Read(api, scope, type, typeName, id))).ConfigureAwait(false);
        return [.. read.OfType<Resource>()];
    }

    /// <summary>Every page of a listing of <paramref name="typeName"/>, whose failure is reported under <paramref name="type"/>.</summary>
    private static Task<List<string>?> List(CloudControlApi api, Scope scope, ResourceEntry type, string typeName, string? resourceModel) =>
        Pages.ReadAll(
            scope, type.Type, api.Action("ListResources"),
            (token, c) => api.ListResourcesAsync(typeName, resourceModel, token, c),
            page => page.Identifiers,
            page => page.NextToken);

    /// <summary>The identifiers listed under every resource of the parent type (API Gateway stages under each REST API).</summary>
    private static async Task<List<string>> UnderParents(CloudControlApi api, Scope scope, ResourceEntry type, string typeName, ListingParent parent)
    {
        var parents = await List(api, scope, type, parent.Type, null).ConfigureAwait(false) ?? [];
        var lists = await Task.WhenAll(parents.Distinct(StringComparer.Ordinal).Select(id =>
            List(api, scope, type, typeName, new JsonObject { [parent.Property] = id }.ToJsonString()))).ConfigureAwait(false);
        return [.. lists.SelectMany(l => l ?? [])];
    }

    /// <summary>The resource; null for an account's settings that Cloud Control does not find.</summary>
    private static async Task<Resource?> Read(CloudControlApi api, Scope scope, ResourceEntry type, string typeName, string identifier)
    {
        var operation = api.Action("GetResource");
        var at = scope.Position(type.Type, identifier);
        var (properties, failure, code) = await scope.Try(operation, c => api.GetResourceAsync(typeName, identifier, c)).ConfigureAwait(false);
        if (code == "ResourceNotFoundException" && type.Live.Listing == CloudControlListing.AccountId)
        {
            return null; // the account has no such settings in this Region (docs/collect.md)
        }

        if (properties is not null && CloudFormationShaped.Parse(Encoding.UTF8.GetBytes(properties), at) is { } map)
        {
            return CloudFormationShaped.Read(scope, type, identifier, map, null, "Cloud Control");
        }

        failure ??= $"{operation} failed: malformed answer: the `Properties` of `{identifier}` are not a JSON object";
        scope.FailedOnce(type.Type, operation, failure);
        return CloudFormationShaped.Unread(scope, type, identifier, null, failure);
    }
}
