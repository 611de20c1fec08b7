using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Lowering;
using Sec08Policy.Compiler.Text;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Emit;

/// <summary>
/// What every emitter shares: the IR, the options and the diagnostics. Emitters read the IR only; the source map
/// turns an IR origin back into the location a diagnostic points at.
/// </summary>
internal sealed class EmitContext(LoweredPolicy lowered, EmitOptions options, DiagnosticBag diagnostics)
{
    public PolicySet PolicySet { get; } = lowered.PolicySet;

    public EmitOptions Options { get; } = options;

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    /// <summary>Where the declaration or clause with this origin is in the source.</summary>
    public Location Locate(SourceOrigin origin) => lowered.Sources[origin];
}
