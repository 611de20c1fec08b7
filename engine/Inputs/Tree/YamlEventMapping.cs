using Sec08Policy.Engine.Resources;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sec08Policy.Engine.Inputs.Tree;

/// <summary>The root mapping of a YAML document read from YamlDotNet's parser events.</summary>
internal sealed class YamlEventMapping : IStreamedYamlMapping
{
    private readonly IParser _parser;
    private readonly string _file;
    private readonly StringPool _strings = new();

    private YamlEventMapping(IParser parser, string file, SourcePosition root)
    {
        _parser = parser;
        _file = file;
        RootPosition = root;
    }

    public SourcePosition RootPosition { get; }

    /// <summary>The document's root mapping, or null when the root is something else.</summary>
    public static YamlEventMapping? Open(TextReader text, string file)
    {
        var parser = new GuardedYamlParser(text);
        parser.Consume<StreamStart>();
        if (!parser.TryConsume<DocumentStart>(out _) || parser.Current is not MappingStart root)
        {
            return null;
        }

        parser.MoveNext();
        return new YamlEventMapping(parser, file, new SourcePosition(file, (int)root.Start.Line, (int)root.Start.Column, "/"));
    }

    public bool NextKey(out string? key)
    {
        key = null;
        if (_parser.TryConsume<MappingEnd>(out _))
        {
            return false;
        }

        if (_parser.Current is Scalar scalar)
        {
            key = scalar.Value;
            _parser.MoveNext();
        }

        return true;
    }

    public bool ValueIsBlockMapping() => _parser.Current is MappingStart;

    public InputNode ReadValue(string pointer, int depth) => YamlTreeReader.Read(_parser, _file, pointer, depth, _strings);

    public IEnumerable<KeyValuePair<string, InputNode>> ReadEntries(string pointer, int depth) =>
        YamlTreeReader.Entries(_parser, _file, pointer, depth, _strings);
}
