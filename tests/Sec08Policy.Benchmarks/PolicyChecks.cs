using Sec08Policy.Compiler;

namespace Sec08Policy.Benchmarks;

internal static class PolicyChecks
{
    /// <summary>Throws when the compilation reports an error, so that no benchmark measures a broken policy.</summary>
    public static void ThrowOnErrors(Compilation compilation, string what)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.IsError).ToList();
        if (errors.Count > 0)
        {
            var sample = string.Join(Environment.NewLine, errors.Take(10).Select(d => $"  {d.Id} {d.Location.Path}@{d.Location.Span.Start}: {d.Message}"));
            throw new InvalidOperationException($"the {what} has {errors.Count} errors:{Environment.NewLine}{sample}");
        }
    }
}
