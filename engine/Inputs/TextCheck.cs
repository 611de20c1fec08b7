using System.Buffers;
using System.Text;
using Sec08Policy.Engine.Inputs.Tree;

namespace Sec08Policy.Engine.Inputs;

/// <summary>
/// Inputs are UTF-8 text, as JSON requires and YAML allows: a byte that is not valid UTF-8, or a NUL (which neither
/// JSON nor YAML allows anywhere), is an input error at its line and column, never a string quietly changed. This
/// also ends a binary file (<c>/dev/zero</c>, an image) at its first bad byte instead of reading it whole.
/// </summary>
internal static class TextCheck
{
    /// <summary>
    /// How many bytes from the start are good text. When fewer than all, <paramref name="bad"/> says whether the
    /// byte there is bad, or (when not <paramref name="final"/>) only starts a character cut off by the end.
    /// </summary>
    public static int GoodLength(ReadOnlySpan<byte> bytes, bool final, out bool bad)
    {
        bad = false;
        if (bytes.IndexOf((byte)0) is var nul and >= 0)
        {
            bytes = bytes[..nul];
            final = true;
            bad = true;
        }

        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return bytes.Length;
        }

        var at = 0;
        while (at < bytes.Length)
        {
            var ascii = bytes[at..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (ascii < 0)
            {
                break;
            }

            at += ascii;
            var status = Rune.DecodeFromUtf8(bytes[at..], out _, out var length);
            if (status == OperationStatus.Done)
            {
                at += length;
                continue;
            }

            bad = status != OperationStatus.NeedMoreData || final;
            return at;
        }

        return bytes.Length;
    }

    /// <summary>Throws when <paramref name="bytes"/>, a whole file read from its start, is not good text.</summary>
    public static void Require(ReadOnlySpan<byte> bytes, string path)
    {
        var good = GoodLength(bytes, final: true, out var bad);
        if (bad)
        {
            var (line, column) = new PositionCursor().Advance(bytes, 0, good);
            throw new InputException(path, line, column, Describe(bytes[good]));
        }
    }

    public static string Describe(byte bad) => bad == 0
        ? "the file holds a NUL byte, so it is no JSON or YAML text (a binary file?)"
        : $"the file is not valid UTF-8: invalid byte 0x{bad:X2} (convert it to UTF-8 first)";
}
