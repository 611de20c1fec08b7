using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Sec08Policy.Compiler.Emit;
using Sec08Policy.Engine.Access;
using Sec08Policy.Engine.Iam;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Verification;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// <c>--authz-quick [--decisions FILE] [--only PHASE]</c>: the phases of <see cref="AuthorizationBenchmarks"/> timed with CPU time and
/// counted in bytes allocated per decision (which the machine's load does not change), five rounds each: the language's
/// procedure, turning requests into the IAM engine's form, building their request contexts, and deciding converted
/// requests. It prints a digest of every decision (outcome and what decided) so that a change can be shown to decide
/// the same; <c>--decisions FILE</c> also writes them, one request a line; <c>--only PHASE</c> times one phase (for a profiler).
/// </summary>
internal static class AuthorizationQuick
{
    private const int Rounds = 5;

    private static string? s_only;

    public static int Run(string[] args)
    {
        var only = Array.IndexOf(args, "--only");
        s_only = only >= 0 && only + 1 < args.Length ? args[only + 1] : null;
        var policy = BaselinePolicy.Lower();
        var language = new AccessDecider(policy);
        var documents = CompiledDocuments.From(BaselinePolicy.Compile().Emit(new EmitOptions()).Artifacts.Select(a => (a.Path, a.Content)));
        var requests = AccessRequests.Generate(AuthorizationBenchmarks.RequestCount);
        var keys = requests.Select(r => language.FindKey(r.Resource)).ToArray();

        var lines = Decisions(language, documents, requests, keys);
        Console.WriteLine($"decisions digest: {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))))[..16]}");
        var at = Array.IndexOf(args, "--decisions");
        if (at >= 0 && at + 1 < args.Length)
        {
            File.WriteAllLines(args[at + 1], lines);
        }

        IamRequest[] converted = [];
        Time("language", () =>
        {
            var allowed = 0;
            foreach (var request in requests)
            {
                allowed += language.Decide(request).Outcome == AccessOutcome.Allowed ? 1 : 0;
            }

            return allowed;
        });
        Time("convert", () =>
        {
            converted = new IamRequest[requests.Length];
            for (var i = 0; i < requests.Length; i++)
            {
                converted[i] = CompiledDocuments.ToIam(requests[i], keys[i]);
            }

            return converted.Length;
        });
        Time("context", () =>
        {
            var keysSeen = 0;
            for (var i = 0; i < requests.Length; i++)
            {
                keysSeen += CompiledDocuments.ToIam(requests[i], keys[i]).RequestContext.Contains("aws:PrincipalArn") ? 1 : 0;
            }

            return keysSeen;
        });
        if (converted.Length == 0)
        {
            converted = [.. requests.Select((r, i) => CompiledDocuments.ToIam(r, keys[i]))];
        }

        foreach (var request in converted)
        {
            _ = request.RequestContext;
        }

        Time("decide converted", () =>
        {
            var allowed = 0;
            for (var i = 0; i < converted.Length; i++)
            {
                allowed += documents.Decide(converted[i], keys[i]).IsAllowed ? 1 : 0;
            }

            return allowed;
        });
        Time("documents (convert + decide)", () =>
        {
            var allowed = 0;
            for (var i = 0; i < requests.Length; i++)
            {
                allowed += documents.Decide(requests[i], keys[i]).IsAllowed ? 1 : 0;
            }

            return allowed;
        });
        return 0;
    }

    private static List<string> Decisions(AccessDecider language, CompiledDocuments documents, AccessRequest[] requests, KeySpec?[] keys)
    {
        var lines = new List<string>(requests.Length);
        for (var i = 0; i < requests.Length; i++)
        {
            var ours = language.Decide(requests[i]);
            var theirs = documents.Decide(requests[i], keys[i]);
            lines.Add($"{i} {ours.Outcome} [{string.Join("; ", ours.Clauses)}] {ours.Reason} | {theirs.Outcome} [{string.Join("; ", theirs.Statements)}] {theirs.Reason} {theirs.Level}");
        }

        return lines;
    }

    private static void Time(string name, Func<int> run)
    {
        if (s_only is not null && !name.StartsWith(s_only, StringComparison.Ordinal))
        {
            return;
        }

        for (var round = 0; round < (s_only is null ? Rounds : 4 * Rounds); round++)
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var result = run();
            var seconds = clock.Elapsed.TotalSeconds;
            var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            var count = AuthorizationBenchmarks.RequestCount;
            Console.WriteLine(
                $"{name}: {count / cpuSeconds:N0} per CPU second ({cpuSeconds * 1000:F0} ms), {count / seconds:N0} per wall second ({seconds * 1000:F0} ms), {(double)bytes / count:N0} bytes per request, result {result}");
        }
    }
}
