namespace Sec08Policy.Collector.JsonApi;

/// <summary>
/// The two AWS Cloud Control API operations sec08 needs (JSON 1.0, target prefix <c>CloudApiService</c>):
/// <c>ListResources</c>, paged by <c>NextToken</c> (with a <c>ResourceModel</c> naming the parent, for types listed
/// under one), and <c>GetResource</c>, whose <c>Properties</c> is a JSON document
/// in the CloudFormation resource schema's shape, serialised as a string.
/// </summary>
internal sealed class CloudControlApi(JsonApiClient client)
{
    public string Action(string operation) => client.Service.Action(operation);

    /// <param name="resourceModel">The parent's identifying properties as a JSON text, or null.</param>
    public async Task<ResourcePage> ListResourcesAsync(string typeName, string? resourceModel, string? nextToken, CancellationToken cancellation)
    {
        using var answer = await client.CallAsync("ListResources", json =>
        {
            json.WriteString("TypeName", typeName);
            if (resourceModel is not null)
            {
                json.WriteString("ResourceModel", resourceModel);
            }

            if (nextToken is not null)
            {
                json.WriteString("NextToken", nextToken);
            }
        }, cancellation).ConfigureAwait(false);
        var root = JsonShape.Object(answer.RootElement, "the ListResources answer");
        var identifiers = new List<string>();
        foreach (var description in JsonShape.Array(root, "ResourceDescriptions", "the ListResources answer"))
        {
            identifiers.Add(JsonShape.String(JsonShape.Object(description, "a resource description"), "Identifier", "a resource description"));
        }

        return new ResourcePage(identifiers, JsonShape.OptionalString(root, "NextToken", "the ListResources answer"));
    }

    /// <summary>The resource's properties as the JSON text Cloud Control gives them.</summary>
    public async Task<string> GetResourceAsync(string typeName, string identifier, CancellationToken cancellation)
    {
        using var answer = await client.CallAsync("GetResource", json =>
        {
            json.WriteString("TypeName", typeName);
            json.WriteString("Identifier", identifier);
        }, cancellation).ConfigureAwait(false);
        var description = JsonShape.Object(JsonShape.Object(answer.RootElement, "the GetResource answer"), "ResourceDescription", "the GetResource answer");
        return JsonShape.String(description, "Properties", "the resource description");
    }
}

/// <summary>One page of a listing: the primary identifiers, and the token of the next page (null at the end).</summary>
internal sealed record ResourcePage(IReadOnlyList<string> Identifiers, string? NextToken);
