using System.Collections.Immutable;
using System.Globalization;
using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Sec08Policy.Engine.Files;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Tree;

/// <summary>
/// A fast reader for the plain block-style YAML nearly every CloudFormation template is written in: block mappings
/// and sequences, single-line plain and quoted scalars, single-line flow collections, short-form tags such as
/// <c>!Ref</c>, literal and folded block scalars, comments. It builds the same <see cref="InputNode"/>s as
/// <see cref="YamlTreeReader"/> over YamlDotNet, several times faster. Anything else (anchors, multi-line plain or
/// quoted scalars, tabs, directives, complex keys, and every error) throws <see cref="PlainYamlUnsupportedException"/>
/// before any node is wrong, and the caller reads the file with YamlDotNet instead, which also reports errors.
/// </summary>
internal sealed class PlainYamlReader : IStreamedYamlMapping
{
    /// <summary>Tab and the control characters; YAML forbids the latter, and reads tabs by rules the fast reader does not follow.</summary>
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0B, 0x0C, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x7F]);

    private readonly NativeBytes _text;
    private readonly int _end;
    private readonly string _file;
    private readonly StringPool _strings = new();
    private readonly ScratchLists _scratch = new();

    // The current line: [_lineStart, _lineEnd) without its line break; _next is where the following line starts.
    private int _lineStart;
    private int _lineEnd;
    private int _next;
    private int _lineNumber;
    private int _indent;
    private bool _atEnd;

    // Where the value of the root key last read starts on its line.
    private int _rootValueAt;

    private PlainYamlReader(NativeBytes text, int start, string file)
    {
        _text = text;
        _end = text.Length;
        _next = start;
        _file = file;
        NextLine();
    }

    public SourcePosition RootPosition { get; private set; }

    /// <summary>A reader on the first key of the document's root mapping; throws when the document is not plain block YAML.</summary>
    public static PlainYamlReader Open(NativeBytes text, int start, string file)
    {
        if (!IsPlainText(text.AsSpan(start)))
        {
            throw new PlainYamlUnsupportedException();
        }

        var reader = new PlainYamlReader(text, start, file);
        reader.SkipBlankLines();
        if (!reader._atEnd && reader._indent == 0 && reader.Content.StartsWith("---"u8) && reader.RestIsBlank(reader._lineStart + 3))
        {
            reader.NextLine();
            reader.SkipBlankLines();
        }

        if (reader._atEnd || reader._indent != 0)
        {
            throw new PlainYamlUnsupportedException();
        }

        reader.RootPosition = reader.Position(reader._lineStart, "/");
        return reader;
    }

    /// <summary>
    /// Valid UTF-8 without what YAML reads differently from a plain line-by-line reading: tabs, control characters
    /// (which YAML forbids), a carriage return not followed by a line feed, the line breaks U+0085, U+2028 and U+2029,
    /// and byte order marks or non-characters past the start.
    /// </summary>
    private static bool IsPlainText(ReadOnlySpan<byte> text)
    {
        if (text.IndexOfAny(ControlBytes) >= 0)
        {
            return false;
        }

        for (var rest = text; rest.IndexOf((byte)'\r') is var cr and >= 0; rest = rest[(cr + 1)..])
        {
            if (cr + 1 == rest.Length || rest[cr + 1] != (byte)'\n')
            {
                return false;
            }
        }

        // Plain ASCII, as nearly every template is, is valid UTF-8 and holds none of the characters checked below.
        return !text.ContainsAnyInRange((byte)0x80, (byte)0xFF) || IsPlainUnicode(text);
    }

    /// <summary>Valid UTF-8 without the line breaks U+0085, U+2028 and U+2029, byte order marks or non-characters, or C1 controls.</summary>
    private static bool IsPlainUnicode(ReadOnlySpan<byte> text)
    {
        if (!Utf8.IsValid(text))
        {
            return false;
        }

        if (text.IndexOf("\u0085"u8) >= 0 || text.IndexOf("\u2028"u8) >= 0 || text.IndexOf("\u2029"u8) >= 0
            || text.IndexOf("\uFEFF"u8) >= 0 || text.IndexOf("\uFFFE"u8) >= 0 || text.IndexOf("\uFFFF"u8) >= 0)
        {
            return false;
        }

        // C1 control characters, U+0080 to U+009F, are C2 80 to C2 9F (valid UTF-8: a byte follows every C2).
        for (var rest = text; rest.IndexOf((byte)0xC2) is var lead and >= 0; rest = rest[(lead + 1)..])
        {
            if (rest[lead + 1] < 0xA0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The next key of the root mapping, or false at the end of the document.</summary>
    public bool NextKey(out string? key)
    {
        SkipBlankLines();
        if (_atEnd)
        {
            key = null;
            return false;
        }

        if (_indent != 0 || Content.StartsWith("---"u8) || Content.StartsWith("..."u8))
        {
            throw new PlainYamlUnsupportedException(); // a second document, or an error
        }

        key = ReadKey(_lineStart, out _rootValueAt);
        return true;
    }

    /// <summary>Whether the value of the root key just read is a block mapping on the lines below it.</summary>
    public bool ValueIsBlockMapping()
    {
        if (!RestIsBlank(_rootValueAt))
        {
            return false;
        }

        NextLine();
        SkipBlankLines();
        _rootValueAt = -1;
        return !_atEnd && _indent > 0 && !IsSequenceEntry(_lineStart + _indent);
    }

    /// <summary>The value of the root key just read.</summary>
    public InputNode ReadValue(string pointer, int depth) => _rootValueAt < 0
        ? ReadBlock(0, pointer, depth, null, null, sameIndentSequence: true)
        : ReadValue(_rootValueAt, 0, pointer, depth, sameIndentSequence: true);

    /// <summary>The entries of the block mapping <see cref="ValueIsBlockMapping"/> found, each read only when asked for.</summary>
    public IEnumerable<KeyValuePair<string, InputNode>> ReadEntries(string pointer, int depth) =>
        Entries(_indent, _lineStart + _indent, pointer, depth);

    private ReadOnlySpan<byte> Content => _text.AsSpan(_lineStart + _indent, _lineEnd - _lineStart - _indent);

    private void NextLine()
    {
        if (_next >= _end)
        {
            _atEnd = true;
            _lineStart = _lineEnd = _end;
            _indent = 0;
            return;
        }

        _lineStart = _next;
        _lineNumber++;
        var stop = _text.AsSpan(_lineStart, _end - _lineStart).IndexOf((byte)'\n');
        _lineEnd = stop < 0 ? _end : _lineStart + stop;
        _next = stop < 0 ? _end : _lineEnd + 1;
        if (_lineEnd > _lineStart && _text[_lineEnd - 1] == (byte)'\r')
        {
            _lineEnd--;
        }

        var at = _lineStart;
        while (at < _lineEnd && _text[at] == (byte)' ')
        {
            at++;
        }

        _indent = at - _lineStart;
    }

    private bool IsBlankLine => _lineStart + _indent == _lineEnd || _text[_lineStart + _indent] == (byte)'#';

    private void SkipBlankLines()
    {
        while (!_atEnd && IsBlankLine)
        {
            NextLine();
        }
    }

    private int SkipSpaces(int at)
    {
        while (at < _lineEnd && _text[at] == (byte)' ')
        {
            at++;
        }

        return at;
    }

    /// <summary>Nothing but spaces and perhaps a comment from <paramref name="at"/> to the end of the line.</summary>
    private bool RestIsBlank(int at)
    {
        at = SkipSpaces(at);
        return at == _lineEnd || (_text[at] == (byte)'#' && (at == _lineStart || _text[at - 1] == (byte)' '));
    }

    private bool IsSequenceEntry(int at) => _text[at] == (byte)'-' && (at + 1 == _lineEnd || _text[at + 1] == (byte)' ');

    private SourcePosition Position(int at, string pointer) =>
        new(_file, _lineNumber, Column(at), pointer.Length == 0 ? "/" : pointer);

    /// <summary>Columns count UTF-16 code units, as YamlDotNet's do.</summary>
    private int Column(int at)
    {
        var before = _text.AsSpan(_lineStart, at - _lineStart);
        if (!before.ContainsAnyInRange((byte)0x80, (byte)0xFF))
        {
            return before.Length + 1;
        }

        var column = 1;
        foreach (var b in before)
        {
            if ((b & 0xC0) != 0x80)
            {
                column += b >= 0xF0 ? 2 : 1;
            }
        }

        return column;
    }

    /// <summary>A mapping key at <paramref name="at"/>, up to its colon; <paramref name="valueAt"/> is just past the colon.</summary>
    private string ReadKey(int at, out int valueAt)
    {
        int colon;
        string key;
        if (_text[at] is (byte)'"' or (byte)'\'')
        {
            key = ReadQuoted(at, out colon);
        }
        else
        {
            if (StartsWithIndicator(at))
            {
                throw new PlainYamlUnsupportedException();
            }

            colon = at;
            while (colon < _lineEnd && !(_text[colon] == (byte)':' && (colon + 1 == _lineEnd || _text[colon + 1] == (byte)' ')))
            {
                if (_text[colon] == (byte)'#' && _text[colon - 1] == (byte)' ')
                {
                    throw new PlainYamlUnsupportedException();
                }

                colon++;
            }

            if (colon == _lineEnd || _text[colon - 1] == (byte)' ')
            {
                throw new PlainYamlUnsupportedException();
            }

            key = _strings.Get(_text.AsSpan(at, colon - at));
        }

        if (colon >= _lineEnd || _text[colon] != (byte)':' || (colon + 1 < _lineEnd && _text[colon + 1] != (byte)' '))
        {
            throw new PlainYamlUnsupportedException();
        }

        valueAt = colon + 1;
        return key;
    }

    /// <summary>Whether a mapping entry (<c>key: value</c>) starts at <paramref name="at"/>.</summary>
    private bool StartsEntry(int at)
    {
        if (_text[at] is (byte)'"' or (byte)'\'')
        {
            var quote = _text[at];
            var close = _text.AsSpan(at + 1, _lineEnd - at - 1).IndexOf(quote);
            return close >= 0 && at + close + 2 < _lineEnd && _text[at + close + 2] == (byte)':';
        }

        if (StartsWithIndicator(at))
        {
            return false;
        }

        for (var i = at; i < _lineEnd; i++)
        {
            if (_text[i] == (byte)':' && (i + 1 == _lineEnd || _text[i + 1] == (byte)' '))
            {
                return true;
            }

            if (_text[i] == (byte)'#' && _text[i - 1] == (byte)' ')
            {
                return false;
            }
        }

        return false;
    }

    private bool StartsWithIndicator(int at) => _text[at] switch
    {
        (byte)'-' => at + 1 == _lineEnd || _text[at + 1] == (byte)' ',
        (byte)'?' or (byte)':' or (byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'#' or (byte)'&' or (byte)'*' or (byte)'!'
            or (byte)'|' or (byte)'>' or (byte)'\'' or (byte)'"' or (byte)'%' or (byte)'@' or (byte)'`' => true,
        _ => false,
    };

    private IEnumerable<KeyValuePair<string, InputNode>> Entries(int indent, int firstKeyAt, string pointer, int depth)
    {
        var at = firstKeyAt;
        while (true)
        {
            var key = ReadKey(at, out var valueAt);
            yield return new(key, ReadValue(valueAt, indent, JsonTreeReader.ChildPointer(pointer, depth, key), depth + 1, sameIndentSequence: true));
            if (EndOfMapping(indent))
            {
                yield break;
            }

            at = _lineStart + _indent;
        }
    }

    private MappingNode ReadMapping(int indent, int firstKeyAt, string pointer, int depth, string? tag, SourcePosition? tagAt)
    {
        var position = tagAt ?? Position(firstKeyAt, pointer);
        CheckDepth(depth, position);
        var entries = _scratch.Entries(depth);
        var at = firstKeyAt;
        while (true)
        {
            var key = ReadKey(at, out var valueAt);
            entries.Add(new(key, ReadValue(valueAt, indent, JsonTreeReader.ChildPointer(pointer, depth, key), depth + 1, sameIndentSequence: true)));
            if (EndOfMapping(indent))
            {
                return new MappingNode(ScratchLists.ToImmutable(entries), position, tag);
            }

            at = _lineStart + _indent;
        }
    }

    /// <summary>Whether the block mapping at <paramref name="indent"/> ends before the current line; throws on a line that fits no mapping.</summary>
    private bool EndOfMapping(int indent)
    {
        SkipBlankLines();
        if (_atEnd || _indent < indent)
        {
            return true;
        }

        if (_indent > indent || IsSequenceEntry(_lineStart + _indent))
        {
            throw new PlainYamlUnsupportedException();
        }

        return false;
    }

    private SequenceNode ReadSequence(int indent, string pointer, int depth, string? tag, SourcePosition? tagAt)
    {
        var position = tagAt ?? Position(_lineStart + indent, pointer);
        CheckDepth(depth, position);
        var items = _scratch.Items(depth);
        while (true)
        {
            var child = JsonTreeReader.ChildPointer(pointer, depth, items.Count);
            var at = SkipSpaces(_lineStart + indent + 1);
            if (RestIsBlank(at))
            {
                NextLine();
                items.Add(ReadBlock(indent, child, depth + 1, null, null, sameIndentSequence: false));
            }
            else if (IsSequenceEntry(at))
            {
                throw new PlainYamlUnsupportedException();
            }
            else if (StartsEntry(at))
            {
                items.Add(ReadMapping(at - _lineStart, at, child, depth + 1, null, null));
            }
            else
            {
                items.Add(ReadValue(at, indent, child, depth + 1, sameIndentSequence: false));
            }

            SkipBlankLines();
            if (_atEnd || _indent < indent || !IsSequenceEntry(_lineStart + _indent))
            {
                break;
            }

            if (_indent > indent)
            {
                throw new PlainYamlUnsupportedException();
            }
        }

        if (!_atEnd && _indent > indent)
        {
            throw new PlainYamlUnsupportedException();
        }

        return new SequenceNode(ScratchLists.ToImmutable(items), position, tag);
    }

    /// <summary>
    /// The node on the lines after its key or dash (the current line is the first of them): a block mapping or
    /// sequence more indented than <paramref name="owner"/>, or an empty scalar.
    /// </summary>
    private InputNode ReadBlock(int owner, string pointer, int depth, string? tag, SourcePosition? tagAt, bool sameIndentSequence)
    {
        SkipBlankLines();
        if (!_atEnd && _indent > owner)
        {
            return IsSequenceEntry(_lineStart + _indent)
                ? ReadSequence(_indent, pointer, depth, tag, tagAt)
                : ReadMapping(_indent, _lineStart + _indent, pointer, depth, tag, tagAt);
        }

        if (!_atEnd && _indent == owner && sameIndentSequence && IsSequenceEntry(_lineStart + _indent))
        {
            return ReadSequence(_indent, pointer, depth, tag, tagAt);
        }

        // An empty value; where YamlDotNet places it is not worth imitating, so leave such files to it.
        throw new PlainYamlUnsupportedException();
    }

    /// <summary>The value after a key's colon or a sequence dash, from <paramref name="at"/> on the current line.</summary>
    private InputNode ReadValue(int at, int owner, string pointer, int depth, bool sameIndentSequence)
    {
        at = SkipSpaces(at);
        if (RestIsBlank(at))
        {
            NextLine();
            return ReadBlock(owner, pointer, depth, null, null, sameIndentSequence);
        }

        string? tag = null;
        SourcePosition? tagAt = null;
        if (_text[at] == (byte)'!')
        {
            var tagEnd = at + 1;
            while (tagEnd < _lineEnd && _text[tagEnd] != (byte)' ')
            {
                tagEnd++;
            }

            if (tagEnd == at + 1 || _text[at + 1] is (byte)'!' or (byte)'<')
            {
                throw new PlainYamlUnsupportedException();
            }

            tag = _strings.Get(_text.AsSpan(at, tagEnd - at));
            tagAt = Position(at, pointer);
            at = SkipSpaces(tagEnd);
            if (RestIsBlank(at))
            {
                NextLine();
                return ReadBlock(owner, pointer, depth, tag, tagAt, sameIndentSequence);
            }
        }

        if (_text[at] is (byte)'|' or (byte)'>')
        {
            return ReadBlockScalar(at, owner, pointer, tag, tagAt);
        }

        InputNode node;
        int after;
        switch (_text[at])
        {
            case (byte)'[' or (byte)'{':
                after = at;
                node = ReadFlow(ref after, pointer, depth, tag, tagAt);
                break;
            case (byte)'"' or (byte)'\'':
                node = new ScalarNode(ReadQuoted(at, out after), ScalarKind.String, tagAt ?? Position(at, pointer), tag);
                break;
            default:
                node = ReadPlain(at, out after, pointer, tag, tagAt);
                break;
        }

        if (!RestIsBlank(after))
        {
            throw new PlainYamlUnsupportedException();
        }

        NextLine();
        SkipBlankLines();
        if (!_atEnd && _indent > owner)
        {
            throw new PlainYamlUnsupportedException(); // a multi-line scalar, or an error
        }

        return node;
    }

    private ScalarNode ReadPlain(int at, out int after, string pointer, string? tag, SourcePosition? tagAt)
    {
        if (StartsWithIndicator(at))
        {
            throw new PlainYamlUnsupportedException();
        }

        var end = at;
        while (end < _lineEnd && !(_text[end] == (byte)'#' && _text[end - 1] == (byte)' '))
        {
            if (_text[end] == (byte)':' && (end + 1 == _lineEnd || _text[end + 1] == (byte)' '))
            {
                throw new PlainYamlUnsupportedException();
            }

            end++;
        }

        after = end;
        while (_text[end - 1] == (byte)' ')
        {
            end--;
        }

        var text = _strings.Get(_text.AsSpan(at, end - at));
        return new ScalarNode(text, YamlTreeReader.KindOf(text, plain: true), tagAt ?? Position(at, pointer), tag);
    }

    /// <summary>A single- or double-quoted scalar that ends on its line; <paramref name="after"/> is just past the closing quote.</summary>
    private string ReadQuoted(int at, out int after)
    {
        var quote = _text[at];
        var start = at + 1;
        var i = start;
        StringBuilder? built = null;
        while (true)
        {
            if (i >= _lineEnd)
            {
                throw new PlainYamlUnsupportedException(); // continues on the next line
            }

            var b = _text[i];
            if (b == quote)
            {
                if (quote == (byte)'\'' && i + 1 < _lineEnd && _text[i + 1] == (byte)'\'')
                {
                    built ??= new StringBuilder();
                    built.Append(Encoding.UTF8.GetString(_text.AsSpan(start, i - start))).Append('\'');
                    i += 2;
                    start = i;
                    continue;
                }

                after = i + 1;
                if (built is null)
                {
                    return _strings.Get(_text.AsSpan(start, i - start));
                }

                return built.Append(Encoding.UTF8.GetString(_text.AsSpan(start, i - start))).ToString();
            }

            if (b == (byte)'\\' && quote == (byte)'"')
            {
                built ??= new StringBuilder();
                built.Append(Encoding.UTF8.GetString(_text.AsSpan(start, i - start)));
                i = Unescape(i + 1, built);
                start = i;
                continue;
            }

            i++;
        }
    }

    /// <summary>Appends the escape whose letter is at <paramref name="at"/>; returns where the text goes on.</summary>
    private int Unescape(int at, StringBuilder into)
    {
        if (at >= _lineEnd)
        {
            throw new PlainYamlUnsupportedException(); // an escaped line break
        }

        var simple = _text[at] switch
        {
            (byte)'0' => "\0",
            (byte)'a' => "\a",
            (byte)'b' => "\b",
            (byte)'t' => "\t",
            (byte)'n' => "\n",
            (byte)'v' => "\v",
            (byte)'f' => "\f",
            (byte)'r' => "\r",
            (byte)'e' => "\u001B",
            (byte)' ' => " ",
            (byte)'"' => "\"",
            (byte)'/' => "/",
            (byte)'\\' => "\\",
            (byte)'N' => "\u0085",
            (byte)'_' => "\u00A0",
            (byte)'L' => "\u2028",
            (byte)'P' => "\u2029",
            _ => null,
        };
        if (simple is not null)
        {
            into.Append(simple);
            return at + 1;
        }

        var digits = _text[at] switch
        {
            (byte)'x' => 2,
            (byte)'u' => 4,
            (byte)'U' => 8,
            _ => throw new PlainYamlUnsupportedException(),
        };
        if (at + digits >= _lineEnd
            || !int.TryParse(_text.AsSpan(at + 1, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            || code > 0x10FFFF || (code is >= 0xD800 and <= 0xDFFF))
        {
            throw new PlainYamlUnsupportedException();
        }

        into.Append(char.ConvertFromUtf32(code));
        return at + 1 + digits;
    }

    /// <summary>Nesting deeper than JSON's limit is an input error here too, before it can exhaust the stack.</summary>
    private static void CheckDepth(int depth, SourcePosition at)
    {
        if (depth >= JsonTreeReader.MaxDepth)
        {
            throw JsonTreeReader.TooDeep(at);
        }
    }

    /// <summary>A flow sequence or mapping that closes on its line.</summary>
    private InputNode ReadFlow(ref int at, string pointer, int depth, string? tag, SourcePosition? tagAt)
    {
        var position = tagAt ?? Position(at, pointer);
        CheckDepth(depth, position);
        var sequence = _text[at] == (byte)'[';
        var close = sequence ? (byte)']' : (byte)'}';
        at = SkipSpaces(at + 1);
        var items = ImmutableArray.CreateBuilder<InputNode>();
        var entries = ImmutableArray.CreateBuilder<KeyValuePair<string, InputNode>>();
        if (at < _lineEnd && _text[at] == close)
        {
            at++;
            return sequence ? new SequenceNode(items.ToImmutable(), position, tag) : new MappingNode(entries.ToImmutable(), position, tag);
        }

        while (true)
        {
            if (sequence)
            {
                var child = JsonTreeReader.ChildPointer(pointer, depth, items.Count);
                items.Add(ReadFlowItem(ref at, child, depth + 1));
            }
            else
            {
                var key = ReadFlowKey(ref at);
                entries.Add(new(key, ReadFlowItem(ref at, JsonTreeReader.ChildPointer(pointer, depth, key), depth + 1)));
            }

            at = SkipSpaces(at);
            if (at >= _lineEnd)
            {
                throw new PlainYamlUnsupportedException();
            }

            if (_text[at] == close)
            {
                at++;
                return sequence ? new SequenceNode(items.ToImmutable(), position, tag) : new MappingNode(entries.ToImmutable(), position, tag);
            }

            if (_text[at] != (byte)',')
            {
                throw new PlainYamlUnsupportedException();
            }

            at = SkipSpaces(at + 1);
            if (at >= _lineEnd || _text[at] == close)
            {
                throw new PlainYamlUnsupportedException(); // a trailing comma
            }
        }
    }

    private string ReadFlowKey(ref int at)
    {
        string key;
        if (_text[at] is (byte)'"' or (byte)'\'')
        {
            key = ReadQuoted(at, out at);
        }
        else
        {
            var end = PlainFlowEnd(at);
            key = _strings.Get(_text.AsSpan(at, end - at).TrimEnd((byte)' '));
            at = end;
        }

        if (at + 1 >= _lineEnd || _text[at] != (byte)':' || _text[at + 1] != (byte)' ')
        {
            throw new PlainYamlUnsupportedException();
        }

        at = SkipSpaces(at + 1);
        return key;
    }

    private InputNode ReadFlowItem(ref int at, string pointer, int depth)
    {
        string? tag = null;
        SourcePosition? tagAt = null;
        if (at < _lineEnd && _text[at] == (byte)'!')
        {
            var tagEnd = at + 1;
            while (tagEnd < _lineEnd && _text[tagEnd] is not ((byte)' ' or (byte)',' or (byte)']' or (byte)'}' or (byte)'[' or (byte)'{'))
            {
                tagEnd++;
            }

            if (tagEnd == at + 1 || _text[at + 1] is (byte)'!' or (byte)'<' || tagEnd == _lineEnd || _text[tagEnd] != (byte)' ')
            {
                throw new PlainYamlUnsupportedException();
            }

            tag = _strings.Get(_text.AsSpan(at, tagEnd - at));
            tagAt = Position(at, pointer);
            at = SkipSpaces(tagEnd);
        }

        if (at >= _lineEnd)
        {
            throw new PlainYamlUnsupportedException();
        }

        switch (_text[at])
        {
            case (byte)'[' or (byte)'{':
                return ReadFlow(ref at, pointer, depth, tag, tagAt);
            case (byte)'"' or (byte)'\'':
                {
                    var start = at;
                    var text = ReadQuoted(at, out at);
                    return new ScalarNode(text, ScalarKind.String, tagAt ?? Position(start, pointer), tag);
                }

            default:
                {
                    if (StartsWithIndicator(at) || _text[at] == (byte)':'
                        || (_text[at] is (byte)'-' or (byte)'?' && at + 1 < _lineEnd && _text[at + 1] is (byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}'))
                    {
                        throw new PlainYamlUnsupportedException();
                    }

                    var end = PlainFlowEnd(at);
                    var text = _strings.Get(_text.AsSpan(at, end - at).TrimEnd((byte)' '));
                    if (text.Length == 0)
                    {
                        throw new PlainYamlUnsupportedException();
                    }

                    var node = new ScalarNode(text, YamlTreeReader.KindOf(text, plain: true), tagAt ?? Position(at, pointer), tag);
                    at = end;
                    return node;
                }
        }
    }

    /// <summary>Where a plain scalar inside a flow collection ends; colons (keys, or YAML 1.1's rules) are left to YamlDotNet.</summary>
    private int PlainFlowEnd(int at)
    {
        var end = at;
        while (end < _lineEnd && _text[end] is not ((byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}'))
        {
            if (_text[end] == (byte)':' || (_text[end] == (byte)'#' && _text[end - 1] == (byte)' '))
            {
                return _text[end] == (byte)':' && end > at ? end : throw new PlainYamlUnsupportedException();
            }

            end++;
        }

        return end;
    }

    /// <summary>A literal (<c>|</c>) or folded (<c>&gt;</c>) scalar, clipped or stripped (<c>-</c>).</summary>
    private ScalarNode ReadBlockScalar(int at, int owner, string pointer, string? tag, SourcePosition? tagAt)
    {
        var position = tagAt ?? Position(at, pointer);
        var literal = _text[at] == (byte)'|';
        var strip = at + 1 < _lineEnd && _text[at + 1] == (byte)'-';
        if (!RestIsBlank(at + (strip ? 2 : 1)) || (at + (strip ? 2 : 1) < _lineEnd && _text[at + (strip ? 2 : 1)] != (byte)' '))
        {
            throw new PlainYamlUnsupportedException(); // keep (`+`), an indentation indicator, or text after the header
        }

        NextLine();
        var lines = new List<string?>(); // null for an empty line
        var contentIndent = -1;
        while (!_atEnd)
        {
            var empty = _lineStart + _indent == _lineEnd;
            if (empty)
            {
                if (contentIndent >= 0 ? _indent > contentIndent : _indent > 0)
                {
                    throw new PlainYamlUnsupportedException(); // spaces that would be content
                }

                lines.Add(null);
                NextLine();
                continue;
            }

            if (_indent <= owner)
            {
                break;
            }

            if (contentIndent < 0)
            {
                contentIndent = _indent;
            }
            else if (_indent != contentIndent)
            {
                throw new PlainYamlUnsupportedException(); // more indented lines, or an error
            }

            if (!literal && _text[_lineEnd - 1] == (byte)' ')
            {
                throw new PlainYamlUnsupportedException(); // how folding treats trailing spaces is left to YamlDotNet
            }

            lines.Add(Encoding.UTF8.GetString(_text.AsSpan(_lineStart + contentIndent, _lineEnd - _lineStart - contentIndent)));
            NextLine();
        }

        while (lines.Count > 0 && lines[^1] is null)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (!literal && lines.Count > 0 && lines[0] is null)
        {
            throw new PlainYamlUnsupportedException(); // leading empty lines of a folded scalar
        }

        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (literal)
            {
                // Lines joined by their line breaks.
                text.Append(i > 0 ? "\n" : string.Empty).Append(line);
            }
            else if (line is null)
            {
                text.Append('\n'); // each empty line between two lines is a line break
            }
            else
            {
                // Two lines next to each other fold into one, with a space.
                text.Append(i > 0 && lines[i - 1] is not null ? " " : string.Empty).Append(line);
            }
        }

        if (!strip && lines.Count > 0)
        {
            text.Append('\n');
        }

        SkipBlankLines();
        return new ScalarNode(_strings.Get(text.ToString()), ScalarKind.String, position, tag);
    }
}

/// <summary>The document uses YAML that <see cref="PlainYamlReader"/> leaves to YamlDotNet.</summary>
internal sealed class PlainYamlUnsupportedException : Exception
{
}
