using Sec08Policy.Engine.Resources;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sec08Policy.Engine.Inputs.Tree;

/// <summary>
/// Parses YAML (CloudFormation's short-form tags such as <c>!Ref</c> included) into <see cref="InputNode"/>s.
/// Plain scalars take YAML's core types; quoted scalars are always strings.
/// </summary>
public static class YamlTreeReader
{
    public static InputNode Parse(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new InputException(file, (int)e.Start.Line, (int)e.Start.Column, "malformed YAML: " + e.Message);
        }

        if (stream.Documents.Count == 0)
        {
            throw new InputException(file, 1, 1, "the file is empty");
        }

        return Convert(stream.Documents[0].RootNode, file, string.Empty);
    }

    private static InputNode Convert(YamlNode node, string file, string pointer)
    {
        var position = new SourcePosition(file, (int)node.Start.Line, (int)node.Start.Column, pointer.Length == 0 ? "/" : pointer);
        var tag = node.Tag.IsEmpty || node.Tag.IsNonSpecific ? null : node.Tag.Value;
        switch (node)
        {
            case YamlMappingNode mapping:
                return new MappingNode(
                    [.. mapping.Children.Select(c => new KeyValuePair<string, InputNode>(
                        ((YamlScalarNode)c.Key).Value ?? string.Empty,
                        Convert(c.Value, file, pointer + "/" + Escape(((YamlScalarNode)c.Key).Value ?? string.Empty))))],
                    position,
                    tag);
            case YamlSequenceNode sequence:
                return new SequenceNode([.. sequence.Children.Select((c, i) => Convert(c, file, pointer + "/" + i))], position, tag);
            case YamlScalarNode scalar:
                return new ScalarNode(scalar.Value, KindOf(scalar), position, tag);
            default:
                throw new InputException(file, position.Line, position.Column, "YAML aliases are not supported in templates");
        }
    }

    private static ScalarKind KindOf(YamlScalarNode scalar)
    {
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return ScalarKind.String;
        }

        return scalar.Value switch
        {
            null or "" or "~" or "null" or "Null" or "NULL" => ScalarKind.Null,
            "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => ScalarKind.Boolean,
            var v when double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) => ScalarKind.Number,
            _ => ScalarKind.String,
        };
    }

    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
