using Sec08Policy.Compiler;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Benchmarks;

/// <summary>The repository's baseline policy set (<c>policies/</c>), compiled and lowered as <c>sec08 eval</c> does.</summary>
internal static class BaselinePolicy
{
    /// <summary>The baseline's files, in the order the command line reads them, with their text.</summary>
    public static (string Path, string Text)[] Files() =>
        [.. Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Find(), "policies"), "*" + SyntaxFacts.FileExtension)
            .Order(StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(path)))];

    /// <summary>The baseline parsed and bound (not checked for errors).</summary>
    public static Compilation Compile() =>
        Compilation.Create(Files().Select(f => SyntaxTree.Parse(f.Text, f.Path)), new CompilationOptions { Today = PolicyGenerator.Today });

    public static PolicySet Lower()
    {
        var compilation = Compile();
        PolicyChecks.ThrowOnErrors(compilation, "baseline policy set");
        return compilation.Lower() ?? throw new InvalidOperationException("the baseline policy set does not lower");
    }
}
