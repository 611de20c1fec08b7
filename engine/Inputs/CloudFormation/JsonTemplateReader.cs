using System.Text.Json;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.CloudFormation;

/// <summary>
/// Reads a JSON CloudFormation template resource by resource, without the tree of the whole document: a first pass
/// checks the syntax of everything and notes where the top-level sections start; a second builds one resource's tree
/// at a time and lets it go once the resource is read. A large template's tree is several
/// times the size of its text, so this keeps memory near the size of the resources read.
/// </summary>
internal static class JsonTemplateReader
{
    /// <summary>The template's resources, or null when the document is not a CloudFormation template.</summary>
    public static IEnumerable<Resource>? TryRead(ReadOnlyMemory<byte> utf8, string file)
    {
        var outline = JsonTemplateOutline.Scan(utf8.Span, file);
        if (outline is not { IsTemplate: true, Resources: { } resources })
        {
            return null;
        }

        var strings = new StringPool();
        var scratch = new ScratchLists();
        var sections = new List<KeyValuePair<string, InputNode>>();
        foreach (var name in (ReadOnlySpan<string>)["Parameters", "Mappings", "Conditions"])
        {
            if (outline.Sections.TryGetValue(name, out var start))
            {
                sections.Add(new(name, ParseSection(utf8.Span, start, name, file, strings, scratch)));
            }
        }

        var root = new MappingNode([.. sections], outline.RootPosition);
        return CloudFormationAdapter.Read(root, Entries(utf8, resources, file, strings, scratch));
    }

    private static InputNode ParseSection(ReadOnlySpan<byte> utf8, int start, string name, string file, StringPool strings, ScratchLists scratch)
    {
        var reader = new Utf8JsonReader(utf8[start..], JsonTreeReader.ReaderOptions);
        reader.Read();
        return JsonTreeReader.ParseValue(ref reader, utf8, start, file, JsonTreeReader.ChildPointer(string.Empty, 0, name), new PositionCursor(), 0, strings, scratch, depth: 1);
    }

    /// <summary>The entries of <c>Resources</c>, each parsed only when asked for.</summary>
    private static IEnumerable<KeyValuePair<string, InputNode>> Entries(ReadOnlyMemory<byte> utf8, int resourcesStart, string file, StringPool strings, ScratchLists scratch)
    {
        var cursor = new PositionCursor();
        var state = new JsonReaderState(JsonTreeReader.ReaderOptions);
        var at = resourcesStart;
        var opened = false;
        while (NextEntry(utf8.Span, ref at, ref state, ref opened, file, cursor, strings, scratch) is { } entry)
        {
            yield return entry;
        }
    }

    /// <summary>Reads the next resource of the <c>Resources</c> object from byte <paramref name="at"/> on, or null at its end.</summary>
    private static KeyValuePair<string, InputNode>? NextEntry(ReadOnlySpan<byte> utf8, ref int at, ref JsonReaderState state, ref bool opened, string file, PositionCursor cursor, StringPool strings, ScratchLists scratch)
    {
        var reader = new Utf8JsonReader(utf8[at..], isFinalBlock: true, state);
        if (!opened)
        {
            reader.Read(); // the `{` of Resources
            opened = true;
        }

        // The first pass checked the syntax, so the entries are well formed.
        reader.Read();
        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            return null;
        }

        var id = JsonTreeReader.GetString(ref reader, utf8, at, file);
        reader.Read();
        var node = JsonTreeReader.ParseValue(ref reader, utf8, at, file, JsonTreeReader.ChildPointer("/Resources", 1, id), cursor, 0, strings, scratch, depth: 2);
        at += (int)reader.BytesConsumed;
        state = reader.CurrentState;
        return new(id, node);
    }
}
