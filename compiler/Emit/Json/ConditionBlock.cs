using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sec08Policy.Compiler.Emit.Json;

/// <summary>
/// The <c>Condition</c> element: operator → condition key → values. Operators and keys are sorted ordinally so the
/// same conditions always print the same way.
/// </summary>
[JsonConverter(typeof(ConditionBlockConverter))]
public sealed record ConditionBlock(ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, ValueList>> Operators)
{
    public static ConditionBlock Empty { get; } = new(ImmutableSortedDictionary.Create<string, ImmutableSortedDictionary<string, ValueList>>(StringComparer.Ordinal));

    public bool IsEmpty => Operators.IsEmpty;

    /// <summary>The block for a statement's <c>Condition</c>: none when it holds nothing.</summary>
    public ConditionBlock? OrNull() => IsEmpty ? null : this;

    public ConditionBlock With(string op, string key, ValueList values)
    {
        var keys = Operators.TryGetValue(op, out var existing) ? existing : ImmutableSortedDictionary.Create<string, ValueList>(StringComparer.Ordinal);
        return new ConditionBlock(Operators.SetItem(op, keys.SetItem(key, values)));
    }

    public bool Equals(ConditionBlock? other) =>
        other is not null && Operators.Count == other.Operators.Count
        && Operators.All(o => other.Operators.TryGetValue(o.Key, out var keys) && keys.Count == o.Value.Count
            && o.Value.All(k => keys.TryGetValue(k.Key, out var v) && v.Equals(k.Value)));

    public override int GetHashCode() => Operators.Count;
}

internal sealed class ConditionBlockConverter : JsonConverter<ConditionBlock>
{
    private static readonly ValueListConverter s_values = new();

    public override ConditionBlock Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var block = ConditionBlock.Empty;
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var op = reader.GetString()!;
            reader.Read();
            Expect(ref reader, JsonTokenType.StartObject);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                reader.Read();
                block = block.With(op, key, s_values.Read(ref reader, typeof(ValueList), options));
            }
        }

        return block;
    }

    public override void Write(Utf8JsonWriter writer, ConditionBlock value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (op, keys) in value.Operators)
        {
            writer.WriteStartObject(op);
            foreach (var (key, values) in keys)
            {
                writer.WritePropertyName(key);
                s_values.Write(writer, values, options);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"expected {type} in a Condition element");
        }
    }
}
