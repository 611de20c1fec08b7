using System.Collections.Immutable;
using Sec08Policy.Compiler.Binding;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Engine.Files;

namespace Sec08Policy.Compiler;

/// <summary>
/// Finds the policy files named on a command line (files, or folders searched recursively for <c>.sec08</c> files),
/// parses them and follows their imports. Paths that do not exist are usage errors, not diagnostics.
/// </summary>
public static class PolicySetLoader
{
    /// <summary>The most bytes read from one policy file unless told otherwise (about 40,000 rules).</summary>
    public const long DefaultMaxFileSize = 16_000_000;

    /// <param name="Warnings">Files skipped in folders because they are not regular files.</param>
    public sealed record Result(ImmutableArray<SyntaxTree> Trees, ImmutableArray<string> Errors, ImmutableArray<string> Warnings);

    public static Result Load(IEnumerable<string> paths, long maxFileSize = DefaultMaxFileSize)
    {
        var search = FileSearch.Expand(paths, f => f.EndsWith(SyntaxFacts.FileExtension, StringComparison.Ordinal), $"`{SyntaxFacts.FileExtension}` files");

        var trees = new List<SyntaxTree>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(search.Files);
        while (queue.Count > 0)
        {
            var file = queue.Dequeue();
            if (!seen.Add(FileSearch.RealPath(file)))
            {
                continue;
            }

            var tree = SyntaxTree.Load(file, maxFileSize);
            trees.Add(tree);
            foreach (var import in tree.Root.Declarations.OfType<ImportDeclarationSyntax>())
            {
                var target = Binder.ResolveImport(file, import.Path.Value);
                if (target is not null && FileSearch.KindOf(target) is not (FileKind.Missing or FileKind.Directory))
                {
                    queue.Enqueue(FileSearch.Display(target));
                }
            }
        }

        // One order whatever way the files were named: by path.
        return new Result([.. trees.OrderBy(t => t.Path, StringComparer.Ordinal)], search.Errors, search.Skipped);
    }
}
