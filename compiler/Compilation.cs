using System.Collections.Immutable;
using Sec08Policy.Compiler.Binding;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Emit;
using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Compiler;

/// <summary>An immutable policy set: its syntax trees, bound lazily into a model with diagnostics.</summary>
public sealed class Compilation
{
    // A stable order: diagnostics at the same position keep the order they were reported in.
    private static readonly Comparer<Diagnostic> s_byPosition = Comparer<Diagnostic>.Create(Diagnostic.Compare);

    private readonly Lazy<(BoundPolicySet PolicySet, ImmutableArray<Diagnostic> Diagnostics)> _binding;

    private Compilation(ImmutableArray<SyntaxTree> trees, CompilationOptions options)
    {
        SyntaxTrees = trees;
        Options = options;
        _binding = new(() => Binder.Bind(trees, options));
    }

    public ImmutableArray<SyntaxTree> SyntaxTrees { get; }

    public CompilationOptions Options { get; }

    public static Compilation Create(IEnumerable<SyntaxTree> trees, CompilationOptions? options = null) =>
        new([.. trees], options ?? new CompilationOptions());

    /// <summary>The bound model. Meaningful only where <see cref="GetDiagnostics"/> has no errors.</summary>
    public BoundPolicySet PolicySet => _binding.Value.PolicySet;

    /// <summary>Syntax diagnostics of every tree, then binding diagnostics, sorted by file and position.</summary>
    public ImmutableArray<Diagnostic> GetDiagnostics()
    {
        var all = SyntaxTrees.SelectMany(t => t.Diagnostics).ToList();

        // Binding a tree with syntax errors would report follow-on noise; bind only once the syntax is clean.
        if (!all.Exists(d => d.IsError))
        {
            all.AddRange(_binding.Value.Diagnostics);
        }

        return [.. all.Order(s_byPosition)];
    }

    /// <summary>The policy lowered to the engine's IR for evaluation; null when the source has errors.</summary>
    public Sec08Policy.Engine.Model.PolicySet? Lower() =>
        GetDiagnostics().Any(d => d.IsError) ? null : Lowering.Lowerer.Lower(PolicySet);

    /// <summary>
    /// Lowers the policy and emits every document. Nothing is emitted when the source has errors or any document
    /// breaks an AWS limit; the result's diagnostics say why.
    /// </summary>
    public EmitResult Emit(EmitOptions? options = null)
    {
        var diagnostics = GetDiagnostics();
        if (diagnostics.Any(d => d.IsError))
        {
            return new EmitResult(false, diagnostics, [], null);
        }

        var result = Emitter.Emit(PolicySet, options ?? new EmitOptions());
        var all = diagnostics.Concat(result.Diagnostics).ToList();
        return result with { Diagnostics = [.. all.Order(s_byPosition)] };
    }
}
