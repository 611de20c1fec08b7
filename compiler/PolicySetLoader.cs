using System.Collections.Immutable;
using Sec08Policy.Compiler.Binding;
using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Compiler;

/// <summary>
/// Finds the policy files named on a command line (files, or folders searched recursively for <c>.sec08</c> files),
/// parses them and follows their imports. Paths that do not exist are usage errors, not diagnostics.
/// </summary>
public static class PolicySetLoader
{
    public sealed record Result(ImmutableArray<SyntaxTree> Trees, ImmutableArray<string> Errors);

    /// <summary>
    /// The files a command line names: each file as given, each folder's <paramref name="wanted"/> files searched
    /// recursively, sorted. A path that does not exist, an unreadable folder or one without such files is an error.
    /// </summary>
    public static List<string> ExpandPaths(IEnumerable<string> paths, Func<string, bool> wanted, string whatFiles, ICollection<string> errors)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                List<string> found;
                try
                {
                    found = [.. Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                        .Where(wanted)
                        .Select(Display)
                        .Order(StringComparer.Ordinal)];
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors.Add($"cannot read folder `{path}`: {e.Message}");
                    continue;
                }

                if (found.Count == 0)
                {
                    errors.Add($"no {whatFiles} under `{path}`");
                }

                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(Display(path));
            }
            else
            {
                errors.Add($"`{path}` does not exist");
            }
        }

        return files;
    }

    public static Result Load(IEnumerable<string> paths)
    {
        var errors = ImmutableArray.CreateBuilder<string>();
        var files = ExpandPaths(paths, f => f.EndsWith(SyntaxFacts.FileExtension, StringComparison.Ordinal), $"`{SyntaxFacts.FileExtension}` files", errors);

        var trees = new List<SyntaxTree>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(files);
        while (queue.Count > 0)
        {
            var file = queue.Dequeue();
            if (!seen.Add(Path.GetFullPath(file)))
            {
                continue;
            }

            var tree = SyntaxTree.Load(file);
            trees.Add(tree);
            foreach (var import in tree.Root.Declarations.OfType<ImportDeclarationSyntax>())
            {
                var target = Binder.ResolveImport(file, import.Path.Value);
                if (File.Exists(target))
                {
                    queue.Enqueue(Display(target));
                }
            }
        }

        // One order whatever way the files were named: by path.
        return new Result([.. trees.OrderBy(t => t.Path, StringComparer.Ordinal)], errors.ToImmutable());
    }

    /// <summary>A path relative to the working folder when it lies below it, with forward slashes, for stable output.</summary>
    public static string Display(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) ? full : relative;
        return shown.Replace('\\', '/');
    }
}
