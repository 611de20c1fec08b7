using System.Text.Json.Serialization;

namespace Sec08Policy.Compiler.Emit.Json;

/// <summary>Source-generated serialization for policy documents (no reflection, so Native AOT works).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(PolicyDocument))]
[JsonSerializable(typeof(PolicyStatement))]
internal sealed partial class PolicyJsonContext : JsonSerializerContext;
