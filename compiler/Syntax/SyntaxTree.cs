using System.Collections.Immutable;
using System.Text;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Text;
using Sec08Policy.Engine.Files;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>A parsed policy file. Creating one never throws for bad input: problems become diagnostics.</summary>
public sealed class SyntaxTree
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private SyntaxTree(SourceText text, CompilationUnitSyntax root, ImmutableArray<Diagnostic> diagnostics)
    {
        Text = text;
        Root = root;
        Diagnostics = diagnostics;
    }

    public SourceText Text { get; }

    public CompilationUnitSyntax Root { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public string Path => Text.Path;

    public static SyntaxTree Parse(string text, string path = "") => Parse(SourceText.From(text, path));

    public static SyntaxTree Parse(SourceText text)
    {
        var (root, diagnostics) = Parser.Parse(text);
        return new SyntaxTree(text, root, diagnostics);
    }

    /// <summary>
    /// Reads and parses a file of at most <paramref name="maxBytes"/>; an unreadable, too large or non-UTF-8 file gives
    /// a tree with no declarations and an error. A named pipe without a writer reads as empty rather than blocking.
    /// </summary>
    public static SyntaxTree Load(string path, long maxBytes = PolicySetLoader.DefaultMaxFileSize)
    {
        byte[] bytes;
        try
        {
            bytes = SafeFile.ReadAll(path, maxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var empty = SourceText.From(string.Empty, path);
            var diagnostic = Diagnostic.Create(Descriptors.UnreadableFile, Location.WholeFile(empty), path, e.Message);
            return Failed(empty, e is FileTooLargeException ? diagnostic.WithHelp("a policy file this large is not read unless `--max-policy-size` allows it") : diagnostic);
        }

        return FromBytes(bytes, path);
    }

    public static SyntaxTree FromBytes(ReadOnlySpan<byte> bytes, string path)
    {
        // A UTF-8 byte order mark is allowed and is not part of the text.
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            return Parse(SourceText.From(s_strictUtf8.GetString(bytes), path));
        }
        catch (DecoderFallbackException e)
        {
            var validPrefix = ValidPrefixLength(bytes);
            var lossy = SourceText.From(Encoding.UTF8.GetString(bytes), path);
            var offset = Encoding.UTF8.GetString(bytes[..validPrefix]).Length;
            var bad = e.BytesUnknown is { Length: > 0 } unknown ? unknown[0] : bytes[validPrefix];
            var location = new Location(lossy, new TextSpan(offset, 1));
            return Failed(lossy, Diagnostic.Create(Descriptors.InvalidEncoding, location, bad));
        }
    }

    private static SyntaxTree Failed(SourceText text, Diagnostic diagnostic) =>
        new(text, new CompilationUnitSyntax([], new TextSpan(0, 0)), [diagnostic]);

    private static int ValidPrefixLength(ReadOnlySpan<byte> bytes)
    {
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? bytes.Length : read;
    }
}
