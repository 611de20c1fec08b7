using System.Collections.Immutable;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Files;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Cli.Commands;

/// <summary>Reads the input files of a command (files, or folders searched for known extensions), or reports why not.</summary>
internal static class InputSet
{
    private static readonly string[] s_extensions = [".json", ".yaml", ".yml", ".template", ".gz"];

    /// <summary><c>--max-input-size</c>, which every command that reads inputs takes.</summary>
    public static System.CommandLine.Option<long> MaxSizeOption() =>
        OptionValues.Size("--max-input-size", "the most bytes read from one input, after decompression", InputLoader.DefaultMaxSize);

    /// <summary>The files read, or null after printing every problem (exit code 3).</summary>
    public static ImmutableArray<InputFile>? Load(IEnumerable<string> paths, long maxSize, CliContext context) => Report(Read(paths, maxSize), context);

    /// <summary>
    /// The first pass over a file named alone: what it keeps and its kind, if it is an AWS Config snapshot or an array
    /// of configuration items (else neither), or why it cannot be read.
    /// </summary>
    public static (TwoPassInput? Input, InputKind Kind, InputException? Error) ScanConfig(string path, long maxSize)
    {
        var shown = FileSearch.Display(path);
        if (InputLoader.ConfigReader(shown, maxSize, out var kind) is not { } read)
        {
            return (null, kind, null);
        }

        try
        {
            return (TwoPassInput.Scan(shown, read), kind, null);
        }
        catch (InputException e)
        {
            return (null, kind, e);
        }
    }

    /// <summary>Reads the files without printing anything, so that it can run while the policy compiles.</summary>
    public static InputRead Read(IEnumerable<string> paths, long maxSize)
    {
        var problems = new List<InputRead.Problem>();
        var search = FileSearch.Expand(paths, f => s_extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)), "input files");
        problems.AddRange(search.Errors.Select(message => new InputRead.Problem(message)));

        var loaded = ImmutableArray.CreateBuilder<InputFile>();
        foreach (var file in search.Files)
        {
            try
            {
                loaded.Add(InputLoader.Load(file, maxSize));
            }
            catch (InputException e)
            {
                problems.Add(new InputRead.Problem(e.Message, e));
            }
        }

        return new InputRead(loaded.ToImmutable(), problems, search.Skipped);
    }

    /// <summary>The files read, or null after printing every problem, in the order met.</summary>
    public static ImmutableArray<InputFile>? Report(InputRead read, CliContext context)
    {
        Print(read, context);
        return read.Problems.Count == 0 ? read.Files : null;
    }

    /// <summary>
    /// After printing every problem: the files read and the malformed ones, which a report lists while the rest is
    /// evaluated; or null when a problem lies outside any file (a path that does not exist), a usage error that ends
    /// the run.
    /// </summary>
    public static (ImmutableArray<InputFile> Files, ImmutableArray<InputError> Errors)? ReportReadable(InputRead read, CliContext context)
    {
        Print(read, context);
        if (read.Problems.Any(p => p.Input is null))
        {
            return null;
        }

        return (read.Files, [.. read.Problems.Select(p => new InputError(p.Input!.File, p.Input.Line, p.Input.Column, p.Message))]);
    }

    private static void Print(InputRead read, CliContext context)
    {
        foreach (var skipped in read.Skipped)
        {
            context.Warning(skipped);
        }

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
    }

    public static IEnumerable<Resource> Resources(ImmutableArray<InputFile> files) => files.SelectMany(f => f.Resources);
}

/// <summary>What reading a command's inputs gave: the files read, and the problems met.</summary>
internal sealed record InputRead(ImmutableArray<InputFile> Files, IReadOnlyList<InputRead.Problem> Problems, ImmutableArray<string> Skipped)
{
    /// <summary>A malformed input (<paramref name="Input"/>, with its position), or a usage problem such as a path that does not exist.</summary>
    public sealed record Problem(string Message, InputException? Input = null);
}
