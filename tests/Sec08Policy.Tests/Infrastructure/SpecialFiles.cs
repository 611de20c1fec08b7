using System.Diagnostics;

namespace Sec08Policy.Tests.Infrastructure;

/// <summary>Named pipes and other file kinds that only tests create.</summary>
internal static class SpecialFiles
{
    /// <summary>Creates a named pipe (FIFO); the test is skipped where there are none (Windows).</summary>
    public static void MakeFifo(string path)
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False, "named pipes in folders are a POSIX thing");
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.EqualTo(0), "mkfifo");
    }

    /// <summary>Runs <paramref name="run"/> and fails, rather than waiting forever, when it does not end in time.</summary>
    public static T Within<T>(TimeSpan limit, Func<T> run)
    {
        var task = Task.Factory.StartNew(run, TaskCreationOptions.LongRunning);
        Assert.That(task.Wait(limit), Is.True, $"did not end within {limit.TotalSeconds} s (it blocks)");
        return task.Result;
    }
}
