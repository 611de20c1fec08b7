using System.Collections.Immutable;
using Sec08Policy.Compiler;
using Sec08Policy.Compiler.Diagnostics;

namespace Sec08Policy.Cli.Commands;

/// <summary>Loads and compiles the policy paths of a command, with the diagnostics to show.</summary>
internal sealed record PolicyInput(Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>Null after reporting a usage error (a path that does not exist, a folder without policy files).</summary>
    public static PolicyInput? Load(IEnumerable<string> paths, CliContext context)
    {
        var loaded = PolicySetLoader.Load(paths);
        if (!loaded.Errors.IsEmpty)
        {
            foreach (var error in loaded.Errors)
            {
                context.UsageError(error);
            }

            return null;
        }

        var compilation = Compilation.Create(loaded.Trees, new CompilationOptions { Today = context.Today });
        return new PolicyInput(compilation, compilation.GetDiagnostics());
    }

    /// <summary>A file that could not be read, or is not UTF-8 text, is an input error (exit 3), not a policy error.</summary>
    public bool HasUnreadableFiles => Diagnostics.Any(d => IsUnreadable(d));

    public static bool IsUnreadable(Diagnostic diagnostic) => diagnostic.Id is "SP1004" or "SP1010";
}
