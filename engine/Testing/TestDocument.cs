using System.Collections.Immutable;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sec08Policy.Engine.Testing;

/// <summary>
/// A policy test file read as YAML: the tree of values (the same nodes the input adapters read, so inline resources
/// go through them unchanged) and, for each mapping value, where its key is written, so a problem with a rule name or
/// a verdict points at the key. Nesting is limited, so a hostile file cannot exhaust the stack.
/// </summary>
public sealed class TestDocument
{
    /// <summary>Deeper than any resource a test can hold inline; past it the file is refused.</summary>
    public const int MaxDepth = 64;

    private readonly Dictionary<InputNode, SourcePosition> _keys;

    private TestDocument(string path, MappingNode root, Dictionary<InputNode, SourcePosition> keys)
    {
        Path = path;
        Root = root;
        _keys = keys;
    }

    public string Path { get; }

    public MappingNode Root { get; }

    /// <summary>Where the key of a mapping entry is written; the value's own position for anything else.</summary>
    public SourcePosition KeyOf(InputNode value) => _keys.TryGetValue(value, out var position) ? position : value.Position;

    /// <summary>Reads and parses a test file; a file that is not a YAML mapping throws <see cref="InputException"/>.</summary>
    public static TestDocument Load(string path)
    {
        string text;
        try
        {
            // Like any input: no waiting on a named pipe, nothing read past the size limit.
            var bytes = Files.SafeFile.ReadAll(path, InputLoader.DefaultMaxSize);
            text = System.Text.Encoding.UTF8.GetString(bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsSpan(3) : bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, 1, 1, $"cannot read the file: {e.Message}");
        }

        return Parse(text, path);
    }

    public static TestDocument Parse(string text, string path)
    {
        var keys = new Dictionary<InputNode, SourcePosition>(ReferenceEqualityComparer.Instance);
        var parser = new GuardedYamlParser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _))
            {
                throw new InputException(path, 1, 1, "the test file is empty");
            }

            var root = new Reader(parser, path, keys).Read(string.Empty, 0);
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
            {
                var at = parser.Current!.Start;
                throw new InputException(path, (int)at.Line, (int)at.Column, "a test file holds one YAML document");
            }

            return root is MappingNode mapping
                ? new TestDocument(path, mapping, keys)
                : throw new InputException(path, root.Position.Line, root.Position.Column, "a test file is a mapping with `cases`");
        }
        catch (YamlException e)
        {
            throw new InputException(path, (int)e.Start.Line, (int)e.Start.Column, "malformed YAML: " + e.Message);
        }
    }

    private sealed class Reader(IParser parser, string path, Dictionary<InputNode, SourcePosition> keys)
    {
        public InputNode Read(string pointer, int depth)
        {
            var current = parser.Current!;
            var position = new SourcePosition(path, (int)current.Start.Line, (int)current.Start.Column, pointer.Length == 0 ? "/" : pointer);
            if (depth > MaxDepth)
            {
                throw new InputException(path, position.Line, position.Column, $"the test file nests deeper than {MaxDepth} levels");
            }

            switch (current)
            {
                case Scalar scalar:
                    parser.MoveNext();
                    return new ScalarNode(scalar.Value, YamlTreeReader.KindOf(scalar.Value, scalar.Style is ScalarStyle.Plain or ScalarStyle.Any), position, Tag(scalar.Tag));
                case SequenceStart sequence:
                    {
                        parser.MoveNext();
                        var items = ImmutableArray.CreateBuilder<InputNode>();
                        while (!parser.TryConsume<SequenceEnd>(out _))
                        {
                            items.Add(Read($"{pointer}/{items.Count}", depth + 1));
                        }

                        return new SequenceNode(items.ToImmutable(), position, Tag(sequence.Tag));
                    }

                case MappingStart mapping:
                    {
                        parser.MoveNext();
                        var entries = ImmutableArray.CreateBuilder<KeyValuePair<string, InputNode>>();
                        var seen = new HashSet<string>(StringComparer.Ordinal);
                        while (!parser.TryConsume<MappingEnd>(out _))
                        {
                            if (parser.Current is not Scalar key)
                            {
                                var at = parser.Current!.Start;
                                throw new InputException(path, (int)at.Line, (int)at.Column, "mapping keys must be plain text");
                            }

                            var keyPosition = new SourcePosition(path, (int)key.Start.Line, (int)key.Start.Column, pointer);
                            if (!seen.Add(key.Value))
                            {
                                throw new InputException(path, keyPosition.Line, keyPosition.Column, $"`{key.Value}` is given twice");
                            }

                            parser.MoveNext();
                            var value = Read($"{pointer}/{JsonTreeReader.Escape(key.Value)}", depth + 1);
                            keys[value] = keyPosition;
                            entries.Add(new(key.Value, value));
                        }

                        return new MappingNode(entries.ToImmutable(), position, Tag(mapping.Tag));
                    }

                default:
                    throw new InputException(path, position.Line, position.Column, "YAML anchors and aliases are not supported in test files");
            }
        }

        private static string? Tag(TagName tag) => tag.IsEmpty || tag.IsNonSpecific ? null : tag.Value;
    }
}
