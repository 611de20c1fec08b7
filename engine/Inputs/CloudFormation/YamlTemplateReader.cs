using Sec08Policy.Engine.Files;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;
using YamlDotNet.Core;

namespace Sec08Policy.Engine.Inputs.CloudFormation;

/// <summary>
/// Reads a YAML CloudFormation template resource by resource, without the tree of the whole document: each
/// resource's tree is built, read and let go. It needs <c>Parameters</c>, <c>Mappings</c> and <c>Conditions</c>
/// before <c>Resources</c>, as templates are usually written; for any other document it gives up, and the caller
/// reads the whole tree (which also reports what is wrong with a document that is not a template).
/// </summary>
internal static class YamlTemplateReader
{
    private static readonly string[] Sections = ["Parameters", "Mappings", "Conditions"];

    /// <summary>
    /// With the fast reader for plain block YAML; throws <see cref="PlainYamlUnsupportedException"/> when the
    /// template uses more of YAML, and the caller reads it with <see cref="TryRead(TextReader, string)"/>.
    /// </summary>
    public static IReadOnlyList<Resource>? TryReadPlain(NativeBytes utf8, int start, string file) =>
        Read(PlainYamlReader.Open(utf8, start, file));

    /// <summary>With YamlDotNet; null when the document must be read as a whole tree instead.</summary>
    public static IReadOnlyList<Resource>? TryRead(TextReader text, string file)
    {
        try
        {
            return YamlEventMapping.Open(text, file) is { } document ? Read(document) : null;
        }
        catch (YamlException e)
        {
            throw YamlTreeReader.ToInputException(e, file);
        }
    }

    private static IReadOnlyList<Resource>? Read(IStreamedYamlMapping document)
    {
        var sections = new List<KeyValuePair<string, InputNode>>();
        IReadOnlyList<Resource>? resources = null;
        var sawResources = false;
        while (document.NextKey(out var key))
        {
            if (key is null)
            {
                return null;
            }

            if (key == "Resources" && !sawResources)
            {
                // As a parsed tree is read, the first `Resources` is the one that counts.
                sawResources = true;
                if (!document.ValueIsBlockMapping())
                {
                    return null;
                }

                resources = CloudFormationAdapter.Read(new MappingNode([.. sections], document.RootPosition), document.ReadEntries("/Resources", 1));
                continue;
            }

            var node = document.ReadValue(JsonTreeReader.ChildPointer(string.Empty, 0, key), 1);
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
}
