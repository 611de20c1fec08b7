using System.Text;

namespace Sec08Policy.Tests.Fuzzing;

/// <summary>
/// Hostile edits of a file's bytes: truncation, byte flips, token deletion, duplication and swaps, deep nesting, NUL
/// and invalid UTF-8, huge numbers and tokens, unusual Unicode, and splices of two files. Each edit is named, so a
/// failure says what was done.
/// </summary>
internal static class Mutations
{
    private static readonly string[] Nestings =
    [
        "not ", "(", "[", "{", "- ", "a:\n ", "{\"a\":", "[{", "!Ref ", "- [", "? ",
    ];

    private static readonly byte[][] BadBytes =
    [
        [0x00], [0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFE, 0xFF], [0x80],
    ];

    private static readonly string[] Oddities =
    [
        "\u0000", "😀", "\u202E", "\u200B", "\uFEFF", "\u2028", "e\u0301", "Ａ", "\u00A0", "\r", "\r\n", "\t", "\\", "\"", "'",
        "#", "//", "/*", "*/", "&a", "*a", "!!binary ", "%YAML 1.2\n", "---\n", "...\n", ": ", "\n  - ", "\u001F", "\u0085",
    ];

    private static readonly string[] Numbers =
    [
        "99999999999999999999999999999999", "-1", "0", "1e999", "-0", "0x10", "1.5", "NaN", "2147483648", "9223372036854775808",
        "00000000000000000000000000000000001", "3e-999", "18446744073709551616", "2026-02-30", "9999-12-31", "0000-00-00",
    ];

    /// <summary>Applies <paramref name="count"/> edits chosen by <paramref name="random"/>; returns the bytes and what was done.</summary>
    public static (byte[] Bytes, string Description) Apply(byte[] bytes, byte[] other, Random random, int count)
    {
        var steps = new List<string>();
        for (var i = 0; i < count; i++)
        {
            (bytes, var step) = ApplyOne(bytes, other, random);
            steps.Add(step);
        }

        return (bytes, string.Join("; ", steps));
    }

    private static (byte[], string) ApplyOne(byte[] bytes, byte[] other, Random random)
    {
        var tokens = Tokenize(bytes);
        switch (random.Next(12))
        {
            case 0:
                {
                    var at = random.Next(bytes.Length + 1);
                    return (bytes[..at], $"truncate at {at}");
                }

            case 1:
                {
                    if (bytes.Length == 0)
                    {
                        return (bytes, "flip nothing");
                    }

                    var copy = (byte[])bytes.Clone();
                    var at = random.Next(copy.Length);
                    var value = random.Next(2) == 0 ? (byte)(copy[at] ^ (1 << random.Next(8))) : (byte)random.Next(256);
                    copy[at] = value;
                    return (copy, $"byte {at} := 0x{value:X2}");
                }

            case 2:
                {
                    var (start, end) = Pick(tokens, random);
                    return ([.. bytes[..start], .. bytes[end..]], $"delete token at {start}..{end}");
                }

            case 3:
                {
                    var (start, end) = Pick(tokens, random);
                    var times = random.Next(3) == 0 ? random.Next(2, 2000) : 2;
                    var token = bytes[start..end];

                    // Bounded, so a huge token repeated stays a few megabytes rather than exhausting the test's memory.
                    times = Math.Max(2, Math.Min(times, 4_000_000 / Math.Max(1, token.Length)));
                    var repeated = Enumerable.Repeat(token, times).SelectMany(t => t).ToArray();
                    return ([.. bytes[..start], .. repeated, .. bytes[end..]], $"repeat token at {start}..{end} x{times}");
                }

            case 4:
                {
                    var (a1, a2) = Pick(tokens, random);
                    var (b1, b2) = Pick(tokens, random);
                    if (b1 < a1)
                    {
                        (a1, a2, b1, b2) = (b1, b2, a1, a2);
                    }

                    if (b1 < a2)
                    {
                        return (bytes, "swap nothing");
                    }

                    return ([.. bytes[..a1], .. bytes[b1..b2], .. bytes[a2..b1], .. bytes[a1..a2], .. bytes[b2..]], $"swap tokens at {a1} and {b1}");
                }

            case 5:
                {
                    var nesting = Nestings[random.Next(Nestings.Length)];
                    var depth = new[] { 40, 65, 100, 300, 1_000, 5_000, 30_000 }[random.Next(7)];
                    var at = Boundary(tokens, bytes, random);
                    var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(nesting, depth)));
                    return ([.. bytes[..at], .. text, .. bytes[at..]], $"insert `{Escape(nesting)}` x{depth} at {at}");
                }

            case 6:
                {
                    var bad = BadBytes[random.Next(BadBytes.Length)];
                    var at = random.Next(bytes.Length + 1);
                    return ([.. bytes[..at], .. bad, .. bytes[at..]], $"insert bytes {Convert.ToHexString(bad)} at {at}");
                }

            case 7:
                {
                    var numbers = tokens.Where(t => t.End > t.Start && char.IsAsciiDigit((char)bytes[t.Start])).ToList();
                    var (start, end) = numbers.Count > 0 ? numbers[random.Next(numbers.Count)] : Pick(tokens, random);
                    var number = Numbers[random.Next(Numbers.Length)];
                    return ([.. bytes[..start], .. Encoding.UTF8.GetBytes(number), .. bytes[end..]], $"replace token at {start}..{end} with {number}");
                }

            case 8:
                {
                    var odd = Oddities[random.Next(Oddities.Length)];
                    var at = Boundary(tokens, bytes, random);
                    return ([.. bytes[..at], .. Encoding.UTF8.GetBytes(odd), .. bytes[at..]], $"insert `{Escape(odd)}` at {at}");
                }

            case 9:
                {
                    var at = random.Next(bytes.Length + 1);
                    var from = random.Next(other.Length + 1);
                    return ([.. bytes[..at], .. other[from..]], $"splice at {at} with the other file from {from}");
                }

            case 10:
                {
                    var (start, end) = Pick(tokens, random);
                    var length = new[] { 300, 70_000, 1_100_000 }[random.Next(3)];
                    var huge = Encoding.UTF8.GetBytes(new string((char)('a' + random.Next(26)), length));
                    return ([.. bytes[..start], .. huge, .. bytes[end..]], $"replace token at {start}..{end} with {length} letters");
                }

            default:
                {
                    // A whole line deleted or repeated: structure-preserving edits that often stay valid.
                    var lines = SplitLines(bytes);
                    if (lines.Count == 0)
                    {
                        return (bytes, "no line");
                    }

                    var (start, end) = lines[random.Next(lines.Count)];
                    return random.Next(2) == 0
                        ? ([.. bytes[..start], .. bytes[end..]], $"delete line at {start}")
                        : ([.. bytes[..end], .. bytes[start..end], .. bytes[end..]], $"repeat line at {start}");
                }
        }
    }

    /// <summary>Edits of layout only: white space, line breaks and comments between tokens of a policy.</summary>
    public static (string Text, string Description) Relayout(string text, Random random, int count)
    {
        var steps = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var tokens = Tokenize(Encoding.UTF8.GetBytes(text)).Select(t => (t.Start, t.End)).ToList();
            var gaps = GapsOf(text);
            if (gaps.Count == 0)
            {
                break;
            }

            if (random.Next(4) == 0 && StringsOf(text) is { Count: > 0 } strings)
            {
                // A string's content replaced by one that is hard to print back: escapes, comment markers, odd characters.
                var (start, end) = strings[random.Next(strings.Count)];
                var content = TrickyStrings[random.Next(TrickyStrings.Length)];
                text = text[..(start + 1)] + content + text[(end - 1)..];
                steps.Add($"string at {start} := `{Escape(content)}`");
                continue;
            }

            var gap = gaps[random.Next(gaps.Count)];
            var insert = Layouts[random.Next(Layouts.Length)];
            var replace = random.Next(3) == 0;
            if (replace && text.AsSpan(gap.Start, gap.End - gap.Start).IndexOfAny('\n', '\r') >= 0 && !insert.Contains('\n', StringComparison.Ordinal))
            {
                // A line break may end a `//` comment or an end-of-line member: keep one.
                insert += "\n";
            }

            text = replace ? text[..gap.Start] + insert + text[gap.End..] : text[..gap.Start] + insert + text[gap.Start..];
            steps.Add($"{(replace ? "replace gap" : "insert")} `{Escape(insert)}` at {gap.Start}");
        }

        return (text, string.Join("; ", steps));
    }

    private static readonly string[] Layouts =
    [
        " ", "\n", "\n\n", "\t", " // note\n", " /* note */ ", "/* a\nb */", "\n// own line\n", "\r\n", "\n\n\n",
        "/**/", "/***/", " /* \" */ ", " // \"\n", " /* // */ ", "// */\n", "\u00A0", "\u2028", "\u0085", "\r", " //\n", "/*\n*/\n",
        "\n  // a\n\n  // b\n", " /* } */ ", " // }\n",
    ];

    private static readonly string[] TrickyStrings =
    [
        "", "\\\"", "\\\\", "\\n", "\\t", "//", "/*", "*/", "\t", "\u0000", "\u2028", "\u0085", "😀", "\u202E", " ", "a\\\"//b", "}", "{",
    ];

    /// <summary>The spans of string literals (quotes included) outside comments.</summary>
    private static List<(int Start, int End)> StringsOf(string text)
    {
        var strings = new List<(int, int)>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                var start = i++;
                while (i < text.Length && text[i] is not ('"' or '\n' or '\r'))
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                if (i < text.Length && text[i] == '"')
                {
                    strings.Add((start, ++i));
                }
            }
            else if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] is not ('\n' or '\r'))
                {
                    i++;
                }
            }
            else if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? text.Length : close + 2;
            }
            else
            {
                i++;
            }
        }

        return strings;
    }

    /// <summary>Where white space may change in a policy: runs of white space outside strings and comments.</summary>
    private static List<(int Start, int End)> GapsOf(string text)
    {
        var gaps = new List<(int, int)>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (i < text.Length && text[i] is not ('"' or '\n'))
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                i++;
            }
            else if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                // What follows a line comment on its line belongs to it: the gap starts on the next line.
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                if (i < text.Length)
                {
                    var start = ++i;
                    while (i < text.Length && char.IsWhiteSpace(text[i]))
                    {
                        i++;
                    }

                    gaps.Add((start, i));
                }
            }
            else if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? text.Length : close + 2;
            }
            else if (char.IsWhiteSpace(text[i]))
            {
                var start = i;
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                gaps.Add((start, i));
            }
            else
            {
                i++;
            }
        }

        return gaps;
    }

    private static List<(int Start, int End)> Tokenize(byte[] bytes)
    {
        var tokens = new List<(int, int)>();
        var i = 0;
        while (i < bytes.Length)
        {
            var start = i;
            var kind = Kind(bytes[i]);
            i++;
            if (kind != 2)
            {
                while (i < bytes.Length && Kind(bytes[i]) == kind)
                {
                    i++;
                }
            }

            if (kind != 1)
            {
                tokens.Add((start, i));
            }
        }

        return tokens;

        static int Kind(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'-' or >= 0x80 ? 0 : b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' ? 1 : 2;
    }

    private static List<(int Start, int End)> SplitLines(byte[] bytes)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                lines.Add((start, i + 1));
                start = i + 1;
            }
        }

        if (start < bytes.Length)
        {
            lines.Add((start, bytes.Length));
        }

        return lines;
    }

    private static (int Start, int End) Pick(List<(int Start, int End)> tokens, Random random) =>
        tokens.Count == 0 ? (0, 0) : tokens[random.Next(tokens.Count)];

    private static int Boundary(List<(int Start, int End)> tokens, byte[] bytes, Random random) =>
        tokens.Count == 0 ? random.Next(bytes.Length + 1) : random.Next(2) == 0 ? tokens[random.Next(tokens.Count)].Start : tokens[random.Next(tokens.Count)].End;

    private static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            _ = c < 0x20 || c is '\u2028' or '\u0085' or '\u202E' or '\u200B' or '\uFEFF' ? builder.Append($"\\u{(int)c:X4}") : builder.Append(c);
        }

        return builder.ToString();
    }
}
