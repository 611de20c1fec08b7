using System.CommandLine;

namespace Sec08Policy.Cli.Commands;

/// <summary>
/// <c>sec08 init [DIR] [--pack NAME...]</c>: scaffolds a policy repository from the baseline and the chosen packs of
/// the library, with their tests, CI for GitHub Actions and GitLab, and pre-commit hooks. It writes only into a new or
/// empty folder, so it never replaces anything.
/// </summary>
internal static class InitCommand
{
    private const string Prefix = "scaffold/";

    /// <summary>The templates and where they go in the new repository.</summary>
    private static readonly (string Template, string Target)[] s_templates =
    [
        ("README.md", "README.md"),
        ("github-workflow.yml", ".github/workflows/sec08.yml"),
        ("gitlab-ci.yml", ".gitlab-ci.yml"),
        ("pre-commit-config.yaml", ".pre-commit-config.yaml"),
        ("infrastructure/example.yaml", "infrastructure/example.yaml"),
    ];

    public static Command Create(CliContext context)
    {
        var packs = Packs();
        var folder = new Argument<string>("DIR") { Description = "the folder to create, or an empty one (default: the current folder)", DefaultValueFactory = _ => "." };
        folder.Validators.Add(result =>
        {
            if (result.Tokens.Any(t => t.Value.Length == 0))
            {
                result.AddError("DIR needs a path, not an empty string");
            }
        });
        var pack = new Option<string[]>("--pack") { Description = $"a pack of the library to add (repeatable): {string.Join(", ", packs)}", AllowMultipleArgumentsPerToken = true };
        OptionValues.OneOf(pack, [.. packs]);
        var command = new Command(
            "init",
            "Scaffold a policy repository: the SEC08 baseline and the chosen compliance packs with their tests, a GitHub Actions workflow and a GitLab CI job "
            + "that run check, test and eval (SARIF to code scanning), and pre-commit hooks.\n"
            + "Exit codes: 0 written, 3 usage, or a folder that exists and is not empty (nothing is written).")
        {
            folder,
            pack,
        };
        command.SetAction(parse => Run(parse.GetValue(folder)!, parse.GetValue(pack) ?? [], context));
        return command;
    }

    /// <summary>The packs the library ships, by folder name.</summary>
    public static IReadOnlyList<string> Packs()
    {
        // Every command builds this list at start-up: a plain loop over the resource names, without LINQ's generic machinery.
        const string Library = Prefix + "library/";
        var packs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in typeof(InitCommand).Assembly.GetManifestResourceNames())
        {
            if (name.StartsWith(Library, StringComparison.Ordinal) && name.IndexOfAny(['/', '\\'], Library.Length) is var end and > 0)
            {
                packs.Add(name[Library.Length..end]);
            }
        }

        return [.. packs];
    }

    private static int Run(string folder, string[] packs, CliContext context)
    {
        if (File.Exists(folder))
        {
            return context.UsageError($"`{folder}` is a file; init writes into a new or empty folder");
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            return context.UsageError($"`{folder}` is not empty; init writes only into a new or empty folder, so that it replaces nothing");
        }

        var chosen = packs.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var files = Files(chosen);
        var created = !Directory.Exists(folder);
        try
        {
            foreach (var (path, text) in files)
            {
                var target = Path.Combine(folder, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                using var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
                stream.Write(new System.Text.UTF8Encoding(false).GetBytes(text));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only what this run created is taken away: the folder was new or empty.
            Undo(folder, created);
            return context.UsageError($"cannot write into `{folder}`: {e.Message}");
        }

        context.Out.Write($"wrote {files.Count} files to {folder}\n");
        context.Out.Write($"next: cd {folder} && sec08 check {PolicyPaths(chosen)} && sec08 test {PolicyPaths(chosen)} --coverage\n");
        return ExitCodes.Success;
    }

    /// <summary>Every file of the new repository, in path order: the baseline, the packs, the templates filled in.</summary>
    private static List<(string Path, string Text)> Files(IReadOnlyList<string> packs)
    {
        var policy = PolicyPaths(packs);
        var packRows = string.Concat(packs.Select(p => $"| `library/{p}/` | the {p} compliance pack and its tests (see the pack's header comment) |\n"));
        var files = new List<(string, string)>();
        var resources = Resources().ToList();
        foreach (var (path, text) in resources)
        {
            if (path.StartsWith("policies/", StringComparison.Ordinal)
                || (path.StartsWith("library/", StringComparison.Ordinal) && packs.Contains(path.Split('/')[1])))
            {
                files.Add((path, text));
            }
        }

        foreach (var (template, target) in s_templates)
        {
            var text = resources.Single(r => r.Path == "templates/" + template).Text;
            files.Add((target, text.Replace("{{POLICY}}", policy, StringComparison.Ordinal).Replace("{{PACKS}}", packRows, StringComparison.Ordinal)));
        }

        return [.. files.OrderBy(f => f.Item1, StringComparer.Ordinal)];
    }

    private static string PolicyPaths(IReadOnlyList<string> packs) => packs.Count == 0 ? "policies" : "policies library";

    /// <summary>The embedded files under <c>scaffold/</c>: resource name and path with forward slashes.</summary>
    private static IEnumerable<(string Name, string Path)> Names() =>
        typeof(InitCommand).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n, n[Prefix.Length..].Replace('\\', '/')));

    /// <summary>The embedded files with their text.</summary>
    private static IEnumerable<(string Path, string Text)> Resources()
    {
        foreach (var (name, path) in Names())
        {
            using var stream = typeof(InitCommand).Assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (path, reader.ReadToEnd());
        }
    }

    private static void Undo(string folder, bool created)
    {
        try
        {
            if (created)
            {
                Directory.Delete(folder, recursive: true);
            }
            else
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
                {
                    if (Directory.Exists(entry))
                    {
                        Directory.Delete(entry, recursive: true);
                    }
                    else
                    {
                        File.Delete(entry);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the error that stopped the run is the one reported.
        }
    }
}
