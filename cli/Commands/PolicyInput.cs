using System.Collections.Immutable;
using Sec08Policy.Compiler;
using Sec08Policy.Compiler.Diagnostics;

namespace Sec08Policy.Cli.Commands;

/// <summary>Loads and compiles the policy paths of a command, with the diagnostics to show.</summary>
internal sealed record PolicyInput(Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary><c>--max-policy-size</c>, which every command that reads policies takes.</summary>
    public static System.CommandLine.Option<long> MaxSizeOption() =>
        OptionValues.Size("--max-policy-size", "the most bytes read from one policy file", PolicySetLoader.DefaultMaxFileSize);

    /// <summary>Null after reporting a usage error (a path that does not exist, a folder without policy files).</summary>
    public static PolicyInput? Load(IEnumerable<string> paths, long maxFileSize, CliContext context)
    {
        if (LoadFiles(paths, maxFileSize, context) is not { } loaded)
        {
            return null;
        }

        var compilation = Compilation.Create(loaded.Trees, new CompilationOptions { Today = context.Today });
        return new PolicyInput(compilation, compilation.GetDiagnostics());
    }

    /// <summary>The policy files parsed, after printing the files skipped; null after reporting a usage error.</summary>
    public static PolicySetLoader.Result? LoadFiles(IEnumerable<string> paths, long maxFileSize, CliContext context)
    {
        var loaded = PolicySetLoader.Load(paths, maxFileSize);
        foreach (var skipped in loaded.Warnings)
        {
            context.Warning(skipped);
        }

        if (!loaded.Errors.IsEmpty)
        {
            foreach (var error in loaded.Errors)
            {
                context.UsageError(error);
            }

            return null;
        }

        return loaded;
    }

    /// <summary>A file that could not be read, or is not UTF-8 text, is an input error (exit 3), not a policy error.</summary>
    public bool HasUnreadableFiles => Diagnostics.Any(d => IsUnreadable(d));

    public static bool IsUnreadable(Diagnostic diagnostic) => diagnostic.Id is "SP1004" or "SP1010";
}
