using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// <c>--parse-floor INPUT</c>: the least any reader of the file must do, as the floor that <c>sec08 eval</c> of the
/// same file is compared to. The file is read into memory, then scanned once: a JSON file with one bare
/// <see cref="Utf8JsonReader"/> pass over every token (no strings materialized); a YAML file with a line scan that
/// finds each line's indentation and the colon that ends its key (no YamlDotNet, no nodes). Prints the CPU time and
/// wall time of the read and of the scan, measured in the process (so start-up and JIT are not counted).
/// </summary>
internal static class ParseFloor
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: --parse-floor INPUT");
            return 2;
        }

        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var bytes = File.ReadAllBytes(args[0]);
        var readWall = wall.Elapsed;
        process.Refresh();
        var readCpu = process.TotalProcessorTime - cpu0;

        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        while (start < bytes.Length && bytes[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        var json = start < bytes.Length && bytes[start] is (byte)'{' or (byte)'[';
        var scanCpu0 = process.TotalProcessorTime;
        var scanWall = Stopwatch.StartNew();
        var count = json ? JsonTokens(bytes.AsSpan(start)) : YamlKeys(bytes.AsSpan(start));
        var scanned = scanWall.Elapsed;
        process.Refresh();
        var scanCpu = process.TotalProcessorTime - scanCpu0;

        string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        Console.WriteLine(
            $"parse floor ({(json ? "one Utf8JsonReader pass" : "one line scan of the YAML")}): {bytes.Length:N0} bytes, {count:N0} {(json ? "tokens" : "keys")}; "
            + $"read {Seconds(readWall)} s wall, {Seconds(readCpu)} s CPU; scan {Seconds(scanned)} s wall, {Seconds(scanCpu)} s CPU; "
            + $"read + scan {Seconds(readCpu + scanCpu)} s CPU");
        return 0;
    }

    private static long JsonTokens(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        long tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    /// <summary>Each line's indentation and, outside quotes, the <c>: </c> or final <c>:</c> that ends a key.</summary>
    private static long YamlKeys(ReadOnlySpan<byte> text)
    {
        long keys = 0;
        while (!text.IsEmpty)
        {
            var end = text.IndexOf((byte)'\n');
            var line = end < 0 ? text : text[..end];
            text = end < 0 ? default : text[(end + 1)..];
            var indent = line.IndexOfAnyExcept((byte)' ');
            if (indent < 0 || line[indent] == (byte)'#')
            {
                continue;
            }

            var content = line[indent..];
            if (content[0] is (byte)'"' or (byte)'\'')
            {
                var close = content[1..].IndexOf(content[0]);
                content = close < 0 ? default : content[(close + 2)..];
            }

            var colon = content.IndexOf(": "u8);
            if (colon >= 0 || (content.Length > 0 && content[^1] == (byte)':'))
            {
                keys++;
            }
        }

        return keys;
    }
}
