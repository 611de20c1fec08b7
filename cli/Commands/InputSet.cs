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
        var files = new List<string>();
        var ok = true;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => s_extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                    .Select(Compiler.PolicySetLoader.Display)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    context.UsageError($"no input files under `{path}`");
                    ok = false;
                }

                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(Compiler.PolicySetLoader.Display(path));
            }
            else
            {
                context.UsageError($"`{path}` does not exist");
                ok = false;
            }
        }

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
