using System.Text;
using System.Text.Json;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Tree;

/// <summary>
/// Parses UTF-8 JSON into <see cref="InputNode"/>s with line and column for every value, and a JSON pointer down to
/// <see cref="PointerDepth"/> levels (where resources sit in every input kind; deeper values share their ancestor's).
/// </summary>
public sealed class JsonTreeReader
{
    /// <summary>How deep values get their own pointer; keeping deeper ones shared saves a string per value.</summary>
    internal const int PointerDepth = 3;

    private readonly string _file;
    private readonly PositionCursor _cursor;
    private readonly long _baseOffset;
    private readonly int _indexOffset;
    private readonly StringPool _strings;
    private readonly ScratchLists _scratch;

    /// <summary>When set, every value gets this position: JSON embedded in a string points at the string.</summary>
    private readonly SourcePosition? _fixedAt;

    private JsonTreeReader(string file, PositionCursor cursor, long baseOffset, int indexOffset = 0, StringPool? strings = null, SourcePosition? fixedAt = null, ScratchLists? scratch = null)
    {
        _fixedAt = fixedAt;
        _strings = strings ?? new StringPool();
        _scratch = scratch ?? new ScratchLists();
        _file = file;
        _cursor = cursor;
        _baseOffset = baseOffset;
        _indexOffset = indexOffset;
    }

    /// <summary>How deep any input (JSON or YAML) may nest: deep enough for every real document, and far from the end of the stack.</summary>
    internal const int MaxDepth = 512;

    /// <summary>What every JSON input is read with: comments skipped, no trailing commas, deep nesting allowed.</summary>
    internal static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false };

    /// <summary>The error for YAML nested deeper than <see cref="MaxDepth"/>, at the value that is too deep.</summary>
    internal static InputException TooDeep(SourcePosition at) =>
        new(at.File, at.Line, at.Column, $"malformed YAML: the document nests more than {MaxDepth} levels deep");

    public static InputNode Parse(ReadOnlyMemory<byte> utf8, string file) => Parse(utf8, new JsonTreeReader(file, new PositionCursor(), 0), ReaderOptions);

    /// <summary>As <see cref="Parse(ReadOnlyMemory{byte}, string)"/>, but a comment is an error, as it is for AWS policy documents.</summary>
    internal static InputNode ParseStrict(ReadOnlyMemory<byte> utf8, string file) =>
        Parse(utf8, new JsonTreeReader(file, new PositionCursor(), 0), ReaderOptions with { CommentHandling = JsonCommentHandling.Disallow });

    /// <summary>Parses JSON held in a string value of another document; every value gets <paramref name="at"/>.</summary>
    internal static InputNode ParseAt(ReadOnlyMemory<byte> utf8, SourcePosition at) =>
        Parse(utf8, new JsonTreeReader(at.File, new PositionCursor(), 0, fixedAt: at), ReaderOptions);

    private static InputNode Parse(ReadOnlyMemory<byte> utf8, JsonTreeReader tree, JsonReaderOptions options)
    {
        var file = tree._file;
        var reader = new Utf8JsonReader(utf8.Span, options);
        try
        {
            if (!reader.Read())
            {
                throw new InputException(file, 1, 1, "the file is empty");
            }

            var root = tree.ReadValue(ref reader, string.Empty, utf8.Span, 0);
            if (reader.Read())
            {
                var (line, column) = tree._cursor.Advance(utf8.Span, 0, reader.TokenStartIndex);
                throw new InputException(file, line, column, "unexpected content after the end of the JSON value");
            }

            return root;
        }
        catch (JsonException e)
        {
            throw ToInputException(e, file);
        }
    }

    /// <summary>
    /// Parses one value from a reader positioned on its first token (used when streaming large files). The reader
    /// reads <paramref name="buffer"/> from <paramref name="readerStart"/>; the buffer starts at absolute offset
    /// <paramref name="bufferOffset"/> of the file. <paramref name="depth"/> is the value's depth in the document (the
    /// root's is 0), so that pointers reach exactly as deep as when the whole document is parsed.
    /// </summary>
    /// <paramref name="strings"/> and <paramref name="scratch"/> are shared by the values of one document.
    internal static InputNode ParseValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> buffer, int readerStart, string file, string pointer, PositionCursor cursor, long bufferOffset, StringPool strings, ScratchLists scratch, int depth)
    {
        var tree = new JsonTreeReader(file, cursor, bufferOffset, readerStart, strings, scratch: scratch);
        return tree.ReadValue(ref reader, pointer, buffer, depth);
    }

    internal static InputException ToInputException(JsonException e, string file) =>
        new(file, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "malformed JSON: " + FirstSentence(e.Message));

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    private InputNode ReadValue(ref Utf8JsonReader reader, string pointer, ReadOnlySpan<byte> buffer, int depth)
    {
        var position = Position(buffer, reader.TokenStartIndex, pointer);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                {
                    var entries = _scratch.Entries(depth);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var key = Text(ref reader, buffer, pointer);
                        reader.Read();
                        entries.Add(new(key, ReadValue(ref reader, _fixedAt is null ? ChildPointer(pointer, depth, key) : pointer, buffer, depth + 1)));
                    }

                    return new MappingNode(ScratchLists.ToImmutable(entries), position);
                }

            case JsonTokenType.StartArray:
                {
                    var items = _scratch.Items(depth);
                    var index = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        items.Add(ReadValue(ref reader, _fixedAt is null ? ChildPointer(pointer, depth, index) : pointer, buffer, depth + 1));
                        index++;
                    }

                    return new SequenceNode(ScratchLists.ToImmutable(items), position);
                }

            case JsonTokenType.String:
                return new ScalarNode(Text(ref reader, buffer, pointer), ScalarKind.String, position);
            case JsonTokenType.Number:
                return new ScalarNode(Encoding.UTF8.GetString(reader.ValueSpan), ScalarKind.Number, position);
            case JsonTokenType.True:
                return new ScalarNode("true", ScalarKind.Boolean, position);
            case JsonTokenType.False:
                return new ScalarNode("false", ScalarKind.Boolean, position);
            case JsonTokenType.Null:
                return new ScalarNode(null, ScalarKind.Null, position);
            default:
                throw new InputException(position.File, position.Line, position.Column, $"unexpected JSON token {reader.TokenType}");
        }
    }

    /// <summary>The string of the current token, pooled when it is short and has no escapes.</summary>
    private string Text(ref Utf8JsonReader reader, ReadOnlySpan<byte> buffer, string pointer)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return _strings.Get(reader.ValueSpan);
        }

        if (TryGetString(ref reader) is { } text)
        {
            return text;
        }

        var at = Position(buffer, reader.TokenStartIndex, pointer);
        throw new InputException(at.File, at.Line, at.Column, BadEscape);
    }

    private const string BadEscape = "malformed JSON: a string escapes half of a surrogate pair (such as `\\ud800` alone), which is no text";

    /// <summary>The string of the current token; null when its escapes make no valid text.</summary>
    internal static string? TryGetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The string of the current token, for readers of a whole file (<paramref name="utf8"/>) whose reader starts at
    /// <paramref name="readerStart"/>; an invalid escape is malformed JSON at the token.
    /// </summary>
    internal static string GetString(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, long readerStart, string file)
    {
        if (TryGetString(ref reader) is { } text)
        {
            return text;
        }

        var (line, column) = new PositionCursor().Advance(utf8, 0, readerStart + reader.TokenStartIndex);
        throw new InputException(file, line, column, BadEscape);
    }

    private SourcePosition Position(ReadOnlySpan<byte> buffer, long indexInBuffer, string pointer)
    {
        if (_fixedAt is { } at)
        {
            return at;
        }

        var (line, column) = _cursor.Advance(buffer, _baseOffset, _baseOffset + indexInBuffer + _indexOffset);
        return new SourcePosition(_file, line, column, pointer.Length == 0 ? "/" : pointer);
    }

    /// <summary>The pointer of a mapping's entry, for a mapping at <paramref name="depth"/>; past <see cref="PointerDepth"/> the mapping's own.</summary>
    internal static string ChildPointer(string pointer, int depth, string key) => depth < PointerDepth ? pointer + "/" + Escape(key) : pointer;

    /// <summary>The pointer of a sequence's item, for a sequence at <paramref name="depth"/>; past <see cref="PointerDepth"/> the sequence's own.</summary>
    internal static string ChildPointer(string pointer, int depth, int index) =>
        depth < PointerDepth ? pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) : pointer;

    /// <summary>A key as a JSON pointer segment (RFC 6901).</summary>
    internal static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
