using System.Text.Json.Nodes;
using Sec08Policy.Compiler.Emit.Json;

namespace Sec08Policy.Compiler.Emit.Deploy;

/// <summary>Policy documents as JSON trees, for embedding in templates.</summary>
internal static class JsonNodes
{
    public static JsonObject Of(PolicyDocument document) =>
        JsonNode.Parse(PolicyJson.Minified(document))!.AsObject();

    public static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
}
