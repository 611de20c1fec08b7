using System.Collections.Immutable;
using Sec08Policy.Engine.Resources;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sec08Policy.Engine.Inputs.Tree;

/// <summary>
/// Parses YAML (CloudFormation's short-form tags such as <c>!Ref</c> included) into <see cref="InputNode"/>s straight
/// from the parser's events, without YamlDotNet's document model. Plain scalars take YAML's core types; quoted
/// scalars are always strings. Pointers go <see cref="JsonTreeReader.PointerDepth"/> levels deep, as for JSON.
/// </summary>
public static class YamlTreeReader
{
    /// <summary>Reads from <paramref name="reader"/> as the parser needs, so the whole text is never one string.</summary>
    public static InputNode Parse(TextReader reader, string file)
    {
        var parser = new GuardedYamlParser(reader);
        var strings = new StringPool();
        try
        {
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _))
            {
                throw new InputException(file, 1, 1, "the file is empty");
            }

            return Read(parser, file, string.Empty, 0, strings);
        }
        catch (YamlException e)
        {
            throw ToInputException(e, file);
        }
    }

    internal static InputException ToInputException(YamlException e, string file) =>
        new(file, (int)e.Start.Line, (int)e.Start.Column, "malformed YAML: " + e.Message);

    /// <summary>The node the parser is on, and its children; <paramref name="depth"/> is its depth in the document (the root's is 0).</summary>
    internal static InputNode Read(IParser parser, string file, string pointer, int depth, StringPool strings)
    {
        var current = parser.Current ?? throw new InputException(file, 1, 1, "the YAML ends unexpectedly");
        var position = new SourcePosition(file, (int)current.Start.Line, (int)current.Start.Column, pointer.Length == 0 ? "/" : pointer);
        if (depth >= JsonTreeReader.MaxDepth && current is MappingStart or SequenceStart)
        {
            throw JsonTreeReader.TooDeep(position);
        }

        switch (current)
        {
            case MappingStart mapping:
                return new MappingNode([.. Entries(parser, file, pointer, depth, strings)], position, TagOf(mapping.Tag));

            case SequenceStart sequence:
                {
                    parser.MoveNext();
                    var items = ImmutableArray.CreateBuilder<InputNode>();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        items.Add(Read(parser, file, JsonTreeReader.ChildPointer(pointer, depth, items.Count), depth + 1, strings));
                    }

                    return new SequenceNode(items.ToImmutable(), position, TagOf(sequence.Tag));
                }

            case Scalar scalar:
                parser.MoveNext();
                return new ScalarNode(strings.Get(scalar.Value), KindOf(scalar), position, TagOf(scalar.Tag));
            default:
                throw new InputException(file, position.Line, position.Column, "YAML aliases are not supported in templates");
        }
    }

    /// <summary>
    /// The entries of the mapping the parser is on (at <paramref name="depth"/>), each read when the enumeration
    /// reaches it; the parser ends past the mapping.
    /// </summary>
    internal static IEnumerable<KeyValuePair<string, InputNode>> Entries(IParser parser, string file, string pointer, int depth, StringPool strings)
    {
        parser.MoveNext();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = parser.Current as Scalar
                ?? throw new InputException(file, (int)parser.Current!.Start.Line, (int)parser.Current.Start.Column, "only plain keys are supported in templates");
            parser.MoveNext();
            yield return new(strings.Get(key.Value), Read(parser, file, JsonTreeReader.ChildPointer(pointer, depth, key.Value), depth + 1, strings));
        }
    }

    private static string? TagOf(TagName tag) => tag.IsEmpty || tag.IsNonSpecific ? null : tag.Value;

    private static ScalarKind KindOf(Scalar scalar) =>
        KindOf(scalar.Value, plain: scalar.Style is not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded));

    /// <summary>A scalar's type: quoted and block scalars are strings; plain ones take YAML's core schema types.</summary>
    internal static ScalarKind KindOf(string value, bool plain)
    {
        if (!plain)
        {
            return ScalarKind.String;
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => ScalarKind.Null,
            "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => ScalarKind.Boolean,
            var v when v.Length > 0 && (char.IsAsciiDigit(v[0]) || v[0] is '-' or '+' or '.')
                && double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) => ScalarKind.Number,
            _ => ScalarKind.String,
        };
    }
}
