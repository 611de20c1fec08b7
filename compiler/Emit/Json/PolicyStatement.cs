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

    /// <summary>The resources; null exactly when <see cref="NotResource"/> is given.</summary>
    [JsonPropertyName("Resource")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ValueList? Resource { get; init; }

    /// <summary>Every resource but these: only in SCP Deny statements that exempt waived resources.</summary>
    [JsonPropertyName("NotResource")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ValueList? NotResource { get; init; }

    [JsonPropertyName("Condition")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConditionBlock? Condition { get; init; }
}
