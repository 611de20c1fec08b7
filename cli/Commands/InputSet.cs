using System.Collections.Immutable;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Cli.Commands;

/// <summary>Reads the input files of a command (files, or folders searched for known extensions), or reports why not.</summary>
internal static class InputSet
{
    private static readonly string[] s_extensions = [".json", ".yaml", ".yml", ".template", ".gz"];

    /// <summary>The files read, or null after printing every problem (exit code 3).</summary>
    public static ImmutableArray<InputFile>? Load(IEnumerable<string> paths, CliContext context) => Report(Read(paths), context);

    /// <summary>Reads the files without printing anything, so that it can run while the policy compiles.</summary>
    public static InputRead Read(IEnumerable<string> paths)
    {
        var problems = new List<InputRead.Problem>();
        var usage = new List<string>();
        var files = Compiler.PolicySetLoader.ExpandPaths(paths, f => s_extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)), "input files", usage);
        problems.AddRange(usage.Select(message => new InputRead.Problem(message)));

        var loaded = ImmutableArray.CreateBuilder<InputFile>();
        foreach (var file in files)
        {
            try
            {
                loaded.Add(InputLoader.Load(file));
            }
            catch (InputException e)
            {
                problems.Add(new InputRead.Problem(e.Message, e));
            }
        }

        return new InputRead(loaded.ToImmutable(), problems);
    }

    /// <summary>The files read, or null after printing every problem, in the order met.</summary>
    public static ImmutableArray<InputFile>? Report(InputRead read, CliContext context)
    {
        foreach (var problem in read.Problems)
        {
            if (problem.Input is { } input)
            {
                context.Error.Write($"{input.File}({input.Line},{input.Column}): error: {problem.Message}\n");
            }
            else
            {
                context.UsageError(problem.Message);
            }
        }

        return read.Problems.Count == 0 ? read.Files : null;
    }

    public static IEnumerable<Resource> Resources(ImmutableArray<InputFile> files) => files.SelectMany(f => f.Resources);
}

/// <summary>What reading a command's inputs gave: the files read, and the problems met.</summary>
internal sealed record InputRead(ImmutableArray<InputFile> Files, IReadOnlyList<InputRead.Problem> Problems)
{
    /// <summary>A malformed input (<paramref name="Input"/>, with its position), or a usage problem such as a path that does not exist.</summary>
    public sealed record Problem(string Message, InputException? Input = null);
}
