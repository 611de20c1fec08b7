using System.Collections.Immutable;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Emit;

/// <summary>What a build produced. <see cref="Artifacts"/> is empty unless <see cref="Success"/>: nothing partial.</summary>
public sealed record EmitResult(
    bool Success,
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableArray<Artifact> Artifacts,
    PolicySet? PolicySet);
