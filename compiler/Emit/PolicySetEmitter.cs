using Sec08Policy.Compiler.Lowering;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Emit;

/// <summary>
/// Emits the documents of a policy set from its IR alone, as read back from <c>rules.json</c>: the same artifacts
/// <c>build</c> writes. Diagnostics point at the IR's origins (file, line and column) without source lines.
/// </summary>
public static class PolicySetEmitter
{
    public static EmitResult Emit(PolicySet policySet, EmitOptions? options = null) =>
        Emitter.Emit(new LoweredPolicy(policySet, SourceMap.None), options ?? new EmitOptions());
}
