using System.Text.RegularExpressions;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Fuzzing;

/// <summary>What every run on hostile input must satisfy.</summary>
internal static partial class Invariants
{
    /// <summary>
    /// The exit code is one of <paramref name="allowed"/> (never 4, an exception that escaped), and an exit of 2 or 3
    /// comes with at least one message that names a file, a line and a column.
    /// </summary>
    public static void Hold(CliRunner.Run run, string command, params int[] allowed)
    {
        var output = $"{command} exited {run.ExitCode}\n--- stdout\n{Clip(run.Out)}\n--- stderr\n{Clip(run.Error)}";
        Assert.That(run.Error, Does.Not.Contain("internal error"), output);
        Assert.That(run.ExitCode, Is.AnyOf(allowed.Cast<object>().ToArray()), output);
        if (run.ExitCode is 2 or 3)
        {
            Assert.That(Positioned().IsMatch(run.Out) || Positioned().IsMatch(run.Error), Is.True, "no message with file, line and column\n" + output);
        }
    }

    /// <summary>Files under <paramref name="folder"/> other than <paramref name="outputs"/> are as they were.</summary>
    public static void Untouched(FolderSnapshot before, string folder, string context, params string[] outputs)
    {
        var changed = FolderSnapshot.Of(folder).ChangesSince(before)
            .Where(f => !outputs.Any(o => f == o || f.StartsWith(o + "/", StringComparison.Ordinal)))
            .ToList();
        Assert.That(changed, Is.Empty, context + ": files changed outside the output");
        Assert.That(Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(folder, d).Replace('\\', '/'))
            .Where(d => !outputs.Any(o => d == o || d.StartsWith(o + "/", StringComparison.Ordinal) || o.StartsWith(d + "/", StringComparison.Ordinal)))
            .Where(d => !before.Files.Keys.Any(f => f.StartsWith(d + "/", StringComparison.Ordinal))), Is.Empty, context + ": folders left outside the output");
    }

    private static string Clip(string text) => text.Length <= 3000 ? text : text[..3000] + "...";

    // `file(line,col): severity` as the compiler and the input readers print it, or `file:line:` for request files.
    [GeneratedRegex(@"(^|\n)[^\n(]+\(\d+,\d+\): (error|warning)|(^|\n)[^\n:]+:\d+: ")]
    private static partial Regex Positioned();
}
