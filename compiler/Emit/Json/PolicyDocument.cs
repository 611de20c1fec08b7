using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Sec08Policy.Compiler.Emit.Json;

/// <summary>An IAM policy language document.</summary>
public sealed record PolicyDocument
{
    /// <summary>The only version under which policy variables work.</summary>
    public const string CurrentVersion = "2012-10-17";

    [JsonPropertyName("Version")]
    public string Version { get; init; } = CurrentVersion;

    [JsonPropertyName("Statement")]
    public required ImmutableArray<PolicyStatement> Statement { get; init; }
}
