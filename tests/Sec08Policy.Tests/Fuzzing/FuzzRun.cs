using CsCheck;

namespace Sec08Policy.Tests.Fuzzing;

/// <summary>
/// Runs a property over generated cases. In CI the cases come from fixed CsCheck seeds, so the gate is the same on
/// every run; <c>SEC08_FUZZ_RANDOM=1</c> draws fresh seeds (long campaigns), <c>SEC08_FUZZ_COUNT</c> sets the number
/// of cases, <c>SEC08_FUZZ_TIME</c> a time budget in seconds, and <c>SEC08_FUZZ_SEED</c> replays the one case a
/// failure printed.
/// </summary>
internal static class FuzzRun
{
    public const string SeedVariable = "SEC08_FUZZ_SEED";
    public const string CountVariable = "SEC08_FUZZ_COUNT";
    public const string TimeVariable = "SEC08_FUZZ_TIME";
    public const string RandomVariable = "SEC08_FUZZ_RANDOM";

    /// <summary>Checks <paramref name="property"/> on <paramref name="ciCount"/> cases unless the environment says otherwise.</summary>
    public static void Check<T>(string name, Gen<T> gen, int ciCount, Action<T> property, Func<T, string> describe)
    {
        var replay = Environment.GetEnvironmentVariable(SeedVariable);
        if (!string.IsNullOrWhiteSpace(replay))
        {
            RunOne(name, gen, PCG.Parse(replay.Trim()), property, describe);
            return;
        }

        var count = int.TryParse(Environment.GetEnvironmentVariable(CountVariable), out var c) && c > 0 ? c : ciCount;
        var budget = int.TryParse(Environment.GetEnvironmentVariable(TimeVariable), out var t) && t > 0 ? TimeSpan.FromSeconds(t) : (TimeSpan?)null;
        var random = Environment.GetEnvironmentVariable(RandomVariable) is "1";
        var stream = (uint)StableHash(name);
        var started = DateTime.UtcNow;
        var run = 0;
        for (; budget is null ? run < count : DateTime.UtcNow - started < budget; run++)
        {
            var pcg = random ? new PCG(stream, (ulong)Random.Shared.NextInt64()) : new PCG(stream, (ulong)run);
            RunOne(name, gen, pcg, property, describe);
        }

        TestContext.Out.WriteLine($"{name}: {run} cases{(random ? " (random seeds)" : string.Empty)}");
    }

    private static void RunOne<T>(string name, Gen<T> gen, PCG pcg, Action<T> property, Func<T, string> describe)
    {
        var seed = pcg.ToString();
        var value = gen.Generate(pcg, null, out _);
        try
        {
            property(value);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new AssertionException(
                $"{name} failed on {describe(value)}\nreplay with {SeedVariable}={seed} (and --filter {name})\n{e.Message}", e);
        }
    }

    /// <summary>A hash of the property's name that does not change between runs, to give each property its own stream.</summary>
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var ch in text)
        {
            hash = unchecked((hash * 31) + ch);
        }

        return hash & int.MaxValue;
    }
}
