using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sec08Policy.Compiler.Emit.Json;

/// <summary>
/// An IAM element that takes a string or an array of strings. Canonical form: one value is written as a string,
/// several as an array, in the order given.
/// </summary>
[JsonConverter(typeof(ValueListConverter))]
public sealed record ValueList(ImmutableArray<string> Values)
{
    public static ValueList Of(params IEnumerable<string> values) => new([.. values]);

    public bool Equals(ValueList? other) => other is not null && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => Values.Aggregate(0, (hash, v) => HashCode.Combine(hash, v));
}

internal sealed class ValueListConverter : JsonConverter<ValueList>
{
    public override ValueList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return ValueList.Of(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("expected a string or an array of strings");
        }

        var values = ImmutableArray.CreateBuilder<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("expected a string"));
        }

        return new ValueList(values.ToImmutable());
    }

    public override void Write(Utf8JsonWriter writer, ValueList value, JsonSerializerOptions options)
    {
        if (value.Values.Length == 1)
        {
            writer.WriteStringValue(value.Values[0]);
            return;
        }

        writer.WriteStartArray();
        foreach (var item in value.Values)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
