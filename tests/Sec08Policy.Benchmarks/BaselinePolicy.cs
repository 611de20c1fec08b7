using Sec08Policy.Compiler;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Benchmarks;

/// <summary>The repository's baseline policy set (<c>policies/</c>), compiled and lowered as <c>sec08 eval</c> does.</summary>
internal static class BaselinePolicy
{
    public static PolicySet Lower()
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "policies");
        var compilation = Compilation.Create(
            Directory.EnumerateFiles(folder, "*" + SyntaxFacts.FileExtension).Order(StringComparer.Ordinal).Select(p => SyntaxTree.Parse(File.ReadAllText(p), p)),
            new CompilationOptions { Today = PolicyGenerator.Today });
        PolicyChecks.ThrowOnErrors(compilation, "baseline policy set");
        return compilation.Lower() ?? throw new InvalidOperationException("the baseline policy set does not lower");
    }
}
