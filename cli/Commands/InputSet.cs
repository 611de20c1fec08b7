using System.Collections.Immutable;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Cli.Commands;

/// <summary>Reads the input files of a command (files, or folders searched for known extensions), or reports why not.</summary>
internal static class InputSet
{
    private static readonly string[] s_extensions = [".json", ".yaml", ".yml", ".template", ".gz"];

    /// <summary>The files read, or null after printing every problem (exit code 3).</summary>
    public static ImmutableArray<InputFile>? Load(IEnumerable<string> paths, CliContext context)
    {
        var errors = new List<string>();
        var files = Compiler.PolicySetLoader.ExpandPaths(paths, f => s_extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)), "input files", errors);
        errors.ForEach(e => context.UsageError(e));
        var ok = errors.Count == 0;

        var loaded = ImmutableArray.CreateBuilder<InputFile>();
        foreach (var file in files)
        {
            try
            {
                loaded.Add(InputLoader.Load(file));
            }
            catch (InputException e)
            {
                context.Error.Write($"{e.File}({e.Line},{e.Column}): error: {e.Message}\n");
                ok = false;
            }
        }

        return ok ? loaded.ToImmutable() : null;
    }

    public static IEnumerable<Resource> Resources(ImmutableArray<InputFile> files) => files.SelectMany(f => f.Resources);
}
