using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sec08Policy.Engine.Inputs.CloudFormation;

/// <summary>
/// Reads a YAML CloudFormation template resource by resource from the parser's events, without the tree of the whole
/// document: each resource's tree is built, read and let go. It needs <c>Parameters</c>, <c>Mappings</c> and
/// <c>Conditions</c> before <c>Resources</c>, as templates are usually written; for any other document it gives up,
/// and the caller reads the whole tree (which also reports what is wrong with a document that is not a template).
/// </summary>
internal static class YamlTemplateReader
{
    private static readonly string[] Sections = ["Parameters", "Mappings", "Conditions"];

    /// <summary>The template's resources, or null when the document must be read as a whole tree instead.</summary>
    public static IReadOnlyList<Resource>? TryRead(TextReader text, string file)
    {
        var parser = new Parser(text);
        var strings = new StringPool();
        try
        {
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _) || parser.Current is not MappingStart root)
            {
                return null;
            }

            var rootPosition = new SourcePosition(file, (int)root.Start.Line, (int)root.Start.Column, "/");
            parser.MoveNext();
            var sections = new List<KeyValuePair<string, InputNode>>();
            IReadOnlyList<Resource>? resources = null;
            var sawResources = false;
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (parser.Current is not Scalar { Value: var key })
                {
                    return null;
                }

                parser.MoveNext();
                if (key == "Resources" && !sawResources)
                {
                    // As a parsed tree is read, the first `Resources` is the one that counts.
                    sawResources = true;
                    if (parser.Current is not MappingStart)
                    {
                        return null;
                    }

                    resources = CloudFormationAdapter.Read(new MappingNode([.. sections], rootPosition), Entries(parser, file, strings));
                    continue;
                }

                var node = YamlTreeReader.Read(parser, file, "/" + JsonTreeReader.Escape(key), 1, strings);
                if (Sections.Contains(key) && !sections.Exists(s => s.Key == key))
                {
                    if (sawResources)
                    {
                        return null; // the resources were read without it
                    }

                    sections.Add(new(key, node));
                }
            }

            return resources;
        }
        catch (YamlException e)
        {
            throw YamlTreeReader.ToInputException(e, file);
        }
    }

    /// <summary>The entries of the <c>Resources</c> mapping the parser is on, each parsed only when asked for.</summary>
    private static IEnumerable<KeyValuePair<string, InputNode>> Entries(Parser parser, string file, StringPool strings)
    {
        parser.MoveNext();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = parser.Current as Scalar
                ?? throw new InputException(file, (int)parser.Current!.Start.Line, (int)parser.Current.Start.Column, "only plain keys are supported in templates");
            parser.MoveNext();
            yield return new(strings.Get(key.Value), YamlTreeReader.Read(parser, file, "/Resources/" + JsonTreeReader.Escape(key.Value), 2, strings));
        }
    }
}
