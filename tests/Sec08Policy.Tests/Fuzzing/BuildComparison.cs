using System.Text.RegularExpressions;

namespace Sec08Policy.Tests.Fuzzing;

/// <summary>
/// A build's files with source positions masked: reformatting moves declarations to other lines, which is all a
/// build may show of layout, so two builds of one meaning agree byte for byte once positions are masked.
/// </summary>
internal static partial class BuildComparison
{
    public static IReadOnlyDictionary<string, string> Files(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToDictionary(
                f => Path.GetRelativePath(folder, f).Replace('\\', '/'),
                f => MaskPositions(File.ReadAllText(f)),
                StringComparer.Ordinal)
            : new Dictionary<string, string>();

    /// <summary>The diagnostics a command printed, without positions or the echoed source lines.</summary>
    public static string Diagnostics(string output) =>
        string.Join('\n', output.Split('\n').Where(l => !SourceEcho().IsMatch(l)).Select(MaskPositions));

    /// <summary>Differences between two builds, by file, for a failure message.</summary>
    public static IEnumerable<string> Differences(IReadOnlyDictionary<string, string> left, IReadOnlyDictionary<string, string> right) =>
        left.Keys.Union(right.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(f => !left.TryGetValue(f, out var a) || !right.TryGetValue(f, out var b) || a != b)
            .Select(f => $"{f}: {FirstDifference(left.GetValueOrDefault(f), right.GetValueOrDefault(f))}");

    private static string MaskPositions(string text) =>
        Size().Replace(Length().Replace(LineOrColumn().Replace(Position().Replace(text, "(L,C)"), "\"$1\": N"), "\"$1\": N"), "N $1");

    private static string FirstDifference(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null ? "only after fmt" : "only before fmt";
        }

        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        string Around(string s) => s.Substring(Math.Max(0, i - 80), Math.Min(s.Length, i + 80) - Math.Max(0, i - 80));
        return $"before fmt ...{Around(a)}... after fmt ...{Around(b)}...";
    }

    [GeneratedRegex(@"\(\d+,\d+\)")]
    private static partial Regex Position();

    [GeneratedRegex(@"""(line|column|endLine|endColumn|start|startLine|startColumn)"": \d+")]
    private static partial Regex LineOrColumn();

    [GeneratedRegex(@"""(policyTextLength)"": \d+")]
    private static partial Regex Length();

    // A Guard rule's text starts with a comment naming its clause's position, so its size in a message moves with it.
    [GeneratedRegex(@"\b\d[\d,]* (characters|bytes)")]
    private static partial Regex Size();

    // `   12 | source` and `      |   ^^^` under a diagnostic.
    [GeneratedRegex(@"^\s*\d*\s\|")]
    private static partial Regex SourceEcho();
}
