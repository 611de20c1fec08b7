using System.Text.Json.Serialization;

namespace Sec08Policy.Compiler.Emit.Json;

/// <summary>One statement of an IAM, KMS key or service control policy, in the element order AWS documents.</summary>
public sealed record PolicyStatement
{
    [JsonPropertyName("Sid")]
    public required string Sid { get; init; }

    [JsonPropertyName("Effect")]
    public required string Effect { get; init; }

    [JsonPropertyName("Principal")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PolicyPrincipal? Principal { get; init; }

    [JsonPropertyName("Action")]
    public required ValueList Action { get; init; }

    [JsonPropertyName("Resource")]
    public required ValueList Resource { get; init; }

    [JsonPropertyName("Condition")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConditionBlock? Condition { get; init; }
}
