using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Sec08Policy.Engine.Files;
using Sec08Policy.Engine.Inputs.CloudFormation;
using Sec08Policy.Engine.Inputs.Config;
using Sec08Policy.Engine.Inputs.Inventory;
using Sec08Policy.Engine.Inputs.Terraform;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs;

/// <summary>
/// Reads one input file of any supported kind, told apart by content: CloudFormation (JSON or YAML), Terraform plan
/// JSON, AWS Config snapshots and items (streamed), and the native inventory; gzip and UTF-16 are undone first.
/// Malformed input throws <see cref="InputException"/> with a position.
/// </summary>
public static class InputLoader
{
    private const int SniffBytes = 64 * 1024;

    /// <summary>The most bytes read from one input (after decompression) unless told otherwise.</summary>
    public const long DefaultMaxSize = 2_000_000_000;

    public static InputFile Load(string path) => Load(path, DefaultMaxSize);

    /// <summary>
    /// Reads an input file: a regular file, or a pipe or device named directly (a named pipe with no writer reads as
    /// empty instead of blocking). More than <paramref name="maxSize"/> bytes, after decompression, is an input error.
    /// </summary>
    public static InputFile Load(string path, long maxSize)
    {
        using var stream = OpenInput(path);
        return Load(stream, path, maxSize);
    }

    /// <summary>Opens an input file for reading; a file that cannot be opened is an input error at its start.</summary>
    private static Stream OpenInput(string path)
    {
        try
        {
            return SafeFile.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, 1, 1, $"cannot read the file: {e.Message}");
        }
    }

    public static InputFile Load(Stream file, string path) => Load(file, path, DefaultMaxSize);

    public static InputFile Load(Stream file, string path, long maxSize)
    {
        try
        {
            return LoadUnlimited(SafeFile.Limited(IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file, maxSize), path);
        }
        catch (FileTooLargeException e)
        {
            throw new InputException(path, 1, 1, $"the input is too large: {e.Message} (set by `--max-input-size`)");
        }
    }

    private static InputFile LoadUnlimited(Stream stream, string path)
    {
        var head = ReadUpTo(stream, SniffBytes, path);
        if (head.Length == 0)
        {
            throw new InputException(path, 1, 1, "the file is empty");
        }

        if (HasUtf16Bom(head))
        {
            // Windows PowerShell writes redirected output as UTF-16; such files are small enough to read whole.
            string text;
            using (var all = ReadWhole(stream, head, path))
            {
                text = (head[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(all.AsSpan(2));
            }

            using var utf8 = NativeBytes.Copy(Encoding.UTF8.GetBytes(text));
            return FromBytes(utf8, path);
        }

        // A binary file ends here, before it is read whole.
        TextCheck.GoodLength(head, final: false, out var binary);
        if (binary)
        {
            TextCheck.Require(head, path);
        }

        var start = StartOfContent(head);
        if (start >= head.Length && head.Length == SniffBytes)
        {
            // Leading white space longer than the sniffed head: read on (within the size limit) to the content.
            using var whole = ReadWhole(stream, head, path);
            return StartOfContent(whole.Span) < whole.Length ? FromBytes(whole, path) : throw OnlyWhiteSpace(path);
        }

        if (start >= head.Length)
        {
            throw OnlyWhiteSpace(path);
        }

        if (IsConfigStart(head, start, out var property))
        {
            var kind = property is null ? InputKind.ConfigItems : InputKind.ConfigSnapshot;
            // From the file's start (past a byte order mark), so leading blank lines count in line numbers.
            var bom = head.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
            var items = new ConfigStream(stream, path, property, head.AsSpan(bom)).Items();
            return Resolved(path, kind, ConfigItems(items));
        }

        using var bytes = ReadWhole(stream, head, path);
        return FromBytes(bytes, path);
    }

    private static InputException OnlyWhiteSpace(string path) => new(path, 1, 1, "the file holds only white space");

    /// <summary>
    /// The resources of an AWS Config snapshot or array of configuration items in a file, read one item at a time and
    /// not linked to each other; each enumeration reads the file again (gzip undone), so only a file that can be read
    /// twice may be given. Null when the file holds anything else, or cannot be read as it starts (UTF-16, binary,
    /// empty): <see cref="Load(string, long)"/> reads those, and says what is wrong.
    /// </summary>
    public static Func<IEnumerable<Resource>>? ConfigReader(string path, long maxSize) => ConfigReader(path, maxSize, out _);

    /// <inheritdoc cref="ConfigReader(string, long)"/>
    /// <param name="kind">A snapshot, or an array of configuration items.</param>
    public static Func<IEnumerable<Resource>>? ConfigReader(string path, long maxSize, out InputKind kind)
    {
        kind = InputKind.ConfigSnapshot;
        try
        {
            using var file = SafeFile.OpenRead(path);
            using var stream = Decompressed(file, maxSize);
            if (SniffConfig(stream, path) is not { } sniffed)
            {
                return null;
            }

            kind = sniffed.Property is null ? InputKind.ConfigItems : InputKind.ConfigSnapshot;
            return () => ReadConfig(path, maxSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InputException or InvalidDataException)
        {
            // Read the usual way, which reports the problem with its position.
            return null;
        }
    }

    private static IEnumerable<Resource> ReadConfig(string path, long maxSize)
    {
        using var file = OpenInput(path);
        using (var stream = Decompressed(file, maxSize))
        {
            using var resources = Guarded(() => ConfigResources(stream, path), path).GetEnumerator();
            while (Guarded(resources.MoveNext, path))
            {
                yield return resources.Current;
            }
        }
    }

    private static IEnumerable<Resource> ConfigResources(Stream stream, string path)
    {
        var (property, head) = SniffConfig(stream, path)
            ?? throw new InputException(path, 1, 1, "the file changed while it was read: it no longer starts as an AWS Config snapshot");
        return ConfigItems(new ConfigStream(stream, path, property, head).Items());
    }

    /// <summary>The configuration items' property (null for a top-level array) and the bytes read, when the stream starts as Config items.</summary>
    private static (string? Property, byte[] Head)? SniffConfig(Stream stream, string path)
    {
        var head = ReadUpTo(stream, SniffBytes, path);
        TextCheck.GoodLength(head, final: false, out var binary);
        if (HasUtf16Bom(head) || binary)
        {
            return null;
        }

        var start = StartOfContent(head);
        if (start >= head.Length || !IsConfigStart(head, start, out var property))
        {
            return null;
        }

        // From the file's start (past a byte order mark), so leading blank lines count in line numbers.
        return (property, head.AsSpan().StartsWith("\uFEFF"u8) ? head[3..] : head);
    }

    private static Stream Decompressed(Stream file, long maxSize) =>
        SafeFile.Limited(IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file, maxSize);

    /// <summary>Runs a step of a streamed read, turning the size limit into an input error as <see cref="Load(Stream, string, long)"/> does.</summary>
    private static T Guarded<T>(Func<T> step, string path)
    {
        try
        {
            return step();
        }
        catch (FileTooLargeException e)
        {
            throw new InputException(path, 1, 1, $"the input is too large: {e.Message} (set by `--max-input-size`)");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new InputException(path, 1, 1, "the compressed data is corrupt or truncated: " + e.Message);
        }
    }

    /// <summary>Whether the content starting at <paramref name="start"/> is a top-level array of items or a snapshot's <c>configurationItems</c>.</summary>
    private static bool IsConfigStart(byte[] head, int start, out string? property)
    {
        property = head[start] == (byte)'[' ? null : "configurationItems";
        return head[start] == (byte)'[' || (head[start] == (byte)'{' && SniffTopLevelKey(head.AsSpan(start)) == "configurationItems");
    }

    /// <summary>The resources of a whole input; nothing returned refers to <paramref name="bytes"/>, which the caller frees.</summary>
    private static InputFile FromBytes(NativeBytes bytes, string path)
    {
        TextCheck.Require(bytes.Span, path);
        var start = StartOfContent(bytes.Span);
        var bom = bytes.Span.StartsWith("\uFEFF"u8) ? 3 : 0;
        if (bytes.AsSpan(start).StartsWith("//"u8) || bytes.AsSpan(start).StartsWith("/*"u8))
        {
            // JSON with comments (tsconfig style): JSON has none, and no YAML document starts with `/`. Say so, rather
            // than describe it as YAML that is not a template.
            var line = 1 + bytes.AsSpan(bom, start - bom).Count((byte)'\n');
            var column = start - Math.Max(bom, bytes.AsSpan(0, start).LastIndexOf((byte)'\n') + 1) + 1;
            throw new InputException(path, line, column, $"a comment (`{(char)bytes[start]}{(char)bytes[start + 1]}`) where the document should start: JSON has no comments (remove it), and YAML comments start with `#`");
        }

        return start < bytes.Length && bytes[start] is (byte)'{' or (byte)'[' ? FromJson(bytes, bom, path) : FromYaml(bytes, bom, path);
    }

    private static InputFile FromJson(NativeBytes bytes, int bom, string path)
    {
        if (JsonTemplateReader.TryRead(bytes.Memory[bom..], path) is { } template)
        {
            return Resolved(path, InputKind.CloudFormation, template);
        }

        return FromTree(JsonTreeReader.Parse(bytes.Memory[bom..], path), path);
    }

    private static InputFile FromYaml(NativeBytes bytes, int bom, string path)
    {
        // The fast reader first; YamlDotNet's events for a template that uses more of YAML; the whole tree for a
        // template that cannot be read resource by resource, or for a document that is no template (to say why).
        StreamReader Text() => new(bytes.OpenStream(bom), Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        IReadOnlyList<Resource>? resources;
        try
        {
            resources = YamlTemplateReader.TryReadPlain(bytes, bom, path);
        }
        catch (PlainYamlUnsupportedException)
        {
            using var text = Text();
            resources = YamlTemplateReader.TryRead(text, path);
        }

        if (resources is not null)
        {
            return Resolved(path, InputKind.CloudFormation, resources);
        }

        using var whole = Text();
        var yaml = YamlTreeReader.Parse(whole, path);
        if (yaml is MappingNode template && CloudFormationAdapter.Accepts(template))
        {
            return Resolved(path, InputKind.CloudFormation, CloudFormationAdapter.Read(template));
        }

        throw new InputException(path, yaml.Position.Line, yaml.Position.Column, "the YAML file is not a CloudFormation template (it has no `Resources`)");
    }

    private static InputFile FromTree(InputNode root, string path)
    {
        switch (root)
        {
            case MappingNode map when TerraformPlanAdapter.Accepts(map):
                return Resolved(path, InputKind.TerraformPlan, TerraformPlanAdapter.Read(map));
            case MappingNode map when CloudFormationAdapter.Accepts(map):
                return Resolved(path, InputKind.CloudFormation, CloudFormationAdapter.Read(map));
            case MappingNode map when InventoryAdapter.Accepts(map):
                return Resolved(path, InputKind.Inventory, InventoryAdapter.Read(map));
            case MappingNode map when map.Get("configurationItems") is SequenceNode items:
                return Resolved(path, InputKind.ConfigSnapshot, ConfigItems(items.Items));
            case MappingNode map when map.Get("configurationItem") is MappingNode item:
                return Resolved(path, InputKind.ConfigItems, ConfigItems([item]));
            case MappingNode map when map.Get("invokingEvent") is ScalarNode { Text: { } invokingEvent }:
                {
                    var inner = JsonTreeReader.Parse(Encoding.UTF8.GetBytes(invokingEvent), path);
                    var item = (inner as MappingNode)?.Get("configurationItem") as MappingNode
                        ?? throw new InputException(path, map.Position.Line, map.Position.Column, "the Config rule event carries no `configurationItem`");
                    return Resolved(path, InputKind.ConfigItems, ConfigItems([item with { Position = map.Position }]));
                }

            case MappingNode map when ConfigItemAdapter.IsItem(map):
                return Resolved(path, InputKind.ConfigItems, ConfigItems([map]));
            case SequenceNode list:
                return Resolved(path, InputKind.ConfigItems, ConfigItems(list.Items));
            default:
                throw new InputException(path, root.Position.Line, root.Position.Column,
                    "not a CloudFormation template, Terraform plan (`terraform show -json`), AWS Config snapshot or item, or sec08 inventory");
        }
    }

    private static IEnumerable<Resource> ConfigItems(IEnumerable<InputNode> items)
    {
        foreach (var node in items)
        {
            if (node is not MappingNode item || !ConfigItemAdapter.IsItem(item))
            {
                throw new InputException(node.Position.File, node.Position.Line, node.Position.Column, "expected an AWS Config configuration item (an object with `resourceType`)");
            }

            if (ConfigItemAdapter.Read(item) is { } resource)
            {
                yield return resource;
            }
        }
    }

    private static InputFile Resolved(string path, InputKind kind, IEnumerable<Resource> resources) =>
        new(path, kind, [.. InputSetResolver.Resolve([.. resources])]);

    /// <summary>The first top-level property name of a JSON object, read from the start of the file only.</summary>
    private static string? SniffTopLevelKey(ReadOnlySpan<byte> head)
    {
        var reader = new Utf8JsonReader(head, isFinalBlock: false, default);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    var name = JsonTreeReader.TryGetString(ref reader);
                    if (name is "configurationItems")
                    {
                        return name;
                    }

                    if (!reader.Read() || !reader.TrySkip())
                    {
                        return null;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON after all, or broken: the full parse reports where.
        }

        return null;
    }

    private static bool IsGzip(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return false;
        }

        Span<byte> magic = stackalloc byte[2];
        var read = stream.Read(magic);
        stream.Seek(-read, SeekOrigin.Current);
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    private static bool HasUtf16Bom(byte[] head) =>
        head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));

    /// <summary>Skips a UTF-8 byte order mark and leading white space.</summary>
    private static int StartOfContent(ReadOnlySpan<byte> bytes)
    {
        var i = bytes.StartsWith("\uFEFF"u8) ? 3 : 0;
        while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }

    private static byte[] ReadUpTo(Stream stream, int count, string path)
    {
        var buffer = new byte[count];
        var total = 0;
        try
        {
            int read;
            while (total < count && (read = stream.Read(buffer, total, count - total)) > 0)
            {
                total += read;
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new InputException(path, 1, 1, "the compressed data is corrupt or truncated: " + e.Message);
        }

        return buffer[..total];
    }

    /// <summary>The whole input: the sniffed head and the rest, outside the collected heap (sized exactly when the length is known).</summary>
    private static NativeBytes ReadWhole(Stream stream, byte[] head, string path)
    {
        try
        {
            return NativeBytes.Read(stream, long.MaxValue, head);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new InputException(path, 1, 1, "the compressed data is corrupt or truncated: " + e.Message);
        }
    }
}
