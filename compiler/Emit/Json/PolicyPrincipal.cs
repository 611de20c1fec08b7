using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sec08Policy.Compiler.Emit.Json;

/// <summary>The <c>Principal</c> of a resource-based statement: <c>"*"</c> or <c>{"AWS": [...], "Service": [...]}</c>.</summary>
[JsonConverter(typeof(PolicyPrincipalConverter))]
public sealed record PolicyPrincipal(bool Everyone, ImmutableSortedDictionary<string, ValueList> Principals)
{
    public static PolicyPrincipal Anyone { get; } = new(true, ImmutableSortedDictionary<string, ValueList>.Empty);

    public static PolicyPrincipal Aws(IEnumerable<string> arns) =>
        new(false, ImmutableSortedDictionary.Create<string, ValueList>(StringComparer.Ordinal).Add("AWS", ValueList.Of(arns)));

    public bool Equals(PolicyPrincipal? other) =>
        other is not null && Everyone == other.Everyone && Principals.Count == other.Principals.Count
        && Principals.All(p => other.Principals.TryGetValue(p.Key, out var v) && v.Equals(p.Value));

    public override int GetHashCode() => HashCode.Combine(Everyone, Principals.Count);
}

internal sealed class PolicyPrincipalConverter : JsonConverter<PolicyPrincipal>
{
    private static readonly ValueListConverter s_values = new();

    public override PolicyPrincipal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString() == "*" ? PolicyPrincipal.Anyone : throw new JsonException("a string Principal must be \"*\"");
        }

        var map = ImmutableSortedDictionary.Create<string, ValueList>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var kind = reader.GetString()!;
            reader.Read();
            map = map.SetItem(kind, s_values.Read(ref reader, typeof(ValueList), options));
        }

        return new PolicyPrincipal(false, map);
    }

    public override void Write(Utf8JsonWriter writer, PolicyPrincipal value, JsonSerializerOptions options)
    {
        if (value.Everyone)
        {
            writer.WriteStringValue("*");
            return;
        }

        writer.WriteStartObject();
        foreach (var (kind, values) in value.Principals)
        {
            writer.WritePropertyName(kind);
            s_values.Write(writer, values, options);
        }

        writer.WriteEndObject();
    }
}
