using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sec08Policy.Compiler.Emit.Json;

/// <summary>Writes and reads policy documents: indented for review, minified for SCPs, and their sizes as AWS counts them.</summary>
public static class PolicyJson
{
    // Policies may hold only tab, LF, CR and U+0020-U+00FF, so escape nothing that is printable ASCII (no \u0022 noise).
    private static readonly JsonSerializerOptions s_indented = new(PolicyJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = PolicyJsonContext.Default,
    };

    private static readonly JsonSerializerOptions s_minified = new(s_indented) { WriteIndented = false };

    public static string Indented(PolicyDocument document) =>
        JsonSerializer.Serialize(document, Info<PolicyDocument>(s_indented)).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    public static string Minified(PolicyDocument document) => JsonSerializer.Serialize(document, Info<PolicyDocument>(s_minified));

    public static string Minified(PolicyStatement statement) => JsonSerializer.Serialize(statement, Info<PolicyStatement>(s_minified));

    // Typed metadata from the source-generated context: no reflection, so trimming and Native AOT keep working.
    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> Info<T>(JsonSerializerOptions options) =>
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    public static PolicyDocument Parse(string json) =>
        JsonSerializer.Deserialize(json, PolicyJsonContext.Default.PolicyDocument) ?? throw new JsonException("empty policy document");

    /// <summary>IAM counts a managed policy's size without white space.</summary>
    public static int NonWhitespaceLength(string json) => json.Count(c => !char.IsWhiteSpace(c));

    public static int Utf8Length(string json) => Encoding.UTF8.GetByteCount(json);
}
