using System.Text.Encodings.Web;
using System.Text.Json;
using Sec08Policy.Compiler.Emit.Config;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Serialization;

namespace Sec08Policy.Compiler.Emit;

/// <summary>
/// <c>manifest.json</c>: every emitted statement (file and Sid) and every rule, mapped to the file, line and column of
/// the policy source that produced it, so a reviewer can trace any packed SCP statement back to its clause.
/// </summary>
internal static class ManifestWriter
{
    /// <summary>How every manifest's <c>format</c> starts; a folder with such a manifest holds a build.</summary>
    public const string FormatPrefix = "sec08-manifest/";

    public static Artifact Write(BuildDocuments documents, PolicySet policySet, IEnumerable<string> otherFiles, ConfigRules config)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatPrefix + "1");
            json.WriteString("policy", policySet.Name);
            json.WriteStartArray("files");
            foreach (var file in documents.All.Select(d => d.Path).Concat(otherFiles).Order(StringComparer.Ordinal))
            {
                json.WriteStringValue(file);
            }

            json.WriteEndArray();
            json.WriteStartArray("statements");
            foreach (var entry in documents.All.SelectMany(d => d.Entries).OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Sid, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("file", entry.File);
                json.WriteString("sid", entry.Sid);
                json.WriteString("kind", entry.Kind);
                json.WriteString("source", entry.Source);
                PolicySetJson.WriteOrigin(json, entry.Origin);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("rules");
            foreach (var rule in policySet.Rules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Id);
                PolicySetJson.WriteOrigin(json, rule.Origin);
                json.WriteEndObject();
            }

            foreach (var rule in policySet.AccessRules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Name);
                PolicySetJson.WriteOrigin(json, rule.Origin);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            ConfigManifest.Write(json, config);
            json.WriteEndObject();
        }

        return new Artifact("manifest.json", System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
    }
}
