using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Syntax;
using Sec08Policy.Compiler.Text;
using Sec08Policy.Engine.Files;

namespace Sec08Policy.Compiler.Binding;

internal sealed partial class Binder
{
    /// <summary>
    /// The full path an import names, resolved against the importing file's folder; null when no file can have that
    /// name (it holds a NUL character, which the operating system would cut the name at).
    /// </summary>
    internal static string? ResolveImport(string importingPath, string importPath)
    {
        if (importPath.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(importingPath)) ?? string.Empty;
        return Path.GetFullPath(Path.Combine(folder, importPath));
    }

    /// <summary>Reports imports of files that are not part of the set (missing) and imports that close a cycle.</summary>
    private void BindImports()
    {
        var byPath = new Dictionary<string, SyntaxTree>(StringComparer.Ordinal);
        foreach (var tree in _trees)
        {
            byPath.TryAdd(FileSearch.RealPath(tree.Path), tree);
        }

        var edges = new Dictionary<SyntaxTree, List<(ImportDeclarationSyntax Import, SyntaxTree Target)>>();
        foreach (var tree in _trees)
        {
            var targets = new List<(ImportDeclarationSyntax, SyntaxTree)>();
            foreach (var import in tree.Root.Declarations.OfType<ImportDeclarationSyntax>())
            {
                var resolved = ResolveImport(tree.Path, import.Path.Value);
                if (resolved is null)
                {
                    _diagnostics.ReportWithHelp(
                        Descriptors.MissingImport,
                        new Location(tree.Text, import.Path.Span),
                        "a file name cannot hold the NUL character (U+0000)",
                        import.Path.Value.Replace("\0", "\\0", StringComparison.Ordinal));
                }
                else if (byPath.TryGetValue(FileSearch.RealPath(resolved), out var target))
                {
                    targets.Add((import, target));
                }
                else if (FileSearch.KindOf(resolved) == FileKind.Directory)
                {
                    _diagnostics.ReportWithHelp(
                        Descriptors.ImportOfFolder,
                        new Location(tree.Text, import.Path.Span),
                        "import each file of it, or give the folder on the command line, where it is searched for `.sec08` files",
                        import.Path.Value);
                }
                else
                {
                    _diagnostics.Report(Descriptors.MissingImport, new Location(tree.Text, import.Path.Span), import.Path.Value);
                }
            }

            edges[tree] = targets;
        }

        var state = new Dictionary<SyntaxTree, bool>(); // false: on the current path, true: done
        var path = new List<SyntaxTree>();
        foreach (var tree in _trees)
        {
            Visit(tree);
        }

        void Visit(SyntaxTree tree)
        {
            if (state.ContainsKey(tree))
            {
                return;
            }

            state[tree] = false;
            path.Add(tree);
            foreach (var (import, target) in edges[tree])
            {
                if (state.TryGetValue(target, out var done) && !done)
                {
                    var cycle = path.Skip(path.IndexOf(target)).Append(target).Select(t => $"`{Path.GetFileName(t.Path)}`");
                    _diagnostics.Report(Descriptors.ImportCycle, new Location(tree.Text, import.Span), string.Join(" -> ", cycle));
                }
                else
                {
                    Visit(target);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[tree] = true;
        }
    }
}
