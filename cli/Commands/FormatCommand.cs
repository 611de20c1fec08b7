using System.CommandLine;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Formatting;
using Sec08Policy.Engine.Files;

namespace Sec08Policy.Cli.Commands;

/// <summary><c>sec08 fmt PATH... [--check]</c>: rewrite policy files in the canonical layout.</summary>
internal static class FormatCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "policy files, or folders searched recursively for .sec08 files", Arity = ArgumentArity.OneOrMore };
        var check = new Option<bool>("--check") { Description = "change nothing; list the files that would change and exit 1 if any" };
        var maxPolicySize = PolicyInput.MaxSizeOption();
        var command = new Command(
            "fmt",
            "Rewrite policy files in the one canonical layout, keeping comments. If any file has a syntax error, no file is rewritten.\n"
            + "Exit codes: 0 done (or nothing to change), 1 --check found files to change, 2 syntax errors, 3 usage or unreadable files.")
        {
            paths,
            check,
            maxPolicySize,
        };
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(check), parse.GetValue(maxPolicySize), context));
        return command;
    }

    private static int Run(string[] paths, bool checkOnly, long maxPolicySize, CliContext context)
    {
        if (PolicyInput.LoadFiles(paths, maxPolicySize, context) is not { } loaded)
        {
            return ExitCodes.UsageOrInput;
        }

        // Formatting needs only syntax; semantic problems are `check`'s business.
        var syntaxErrors = loaded.Trees.SelectMany(t => t.Diagnostics).Where(d => d.IsError).ToList();
        if (syntaxErrors.Count > 0)
        {
            DiagnosticFormatter.WriteHuman(context.Error, syntaxErrors);
            return syntaxErrors.Any(PolicyInput.IsUnreadable) ? ExitCodes.UsageOrInput : ExitCodes.PolicyErrors;
        }

        var changed = new List<(string Path, string Text)>();
        foreach (var tree in loaded.Trees)
        {
            var formatted = PolicyFormatter.Format(tree);
            if (!string.Equals(formatted, tree.Text.Text, StringComparison.Ordinal))
            {
                changed.Add((tree.Path, formatted));
            }
        }

        foreach (var (path, text) in changed)
        {
            if (checkOnly)
            {
                context.Out.Write($"{path}: not formatted\n");
            }
            else
            {
                try
                {
                    // Through a symbolic link to the file it names, so the link stays a link.
                    OutputFile.WriteAtomically(FileSearch.RealPath(path), text);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return context.UsageError($"cannot write `{path}`: {e.Message}");
                }

                context.Out.Write($"{path}: formatted\n");
            }
        }

        return checkOnly && changed.Count > 0 ? ExitCodes.Findings : ExitCodes.Success;
    }
}
