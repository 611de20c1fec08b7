using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Lowering;

/// <summary>The IR of a policy set and the source location of each of its origins.</summary>
internal sealed record LoweredPolicy(PolicySet PolicySet, SourceMap Sources);
