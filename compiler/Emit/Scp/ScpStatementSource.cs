using Sec08Policy.Compiler.Emit.Json;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Emit.Scp;

/// <summary>An SCP statement with the requirement clause that asked for it.</summary>
internal sealed record ScpStatementSource(PolicyStatement Statement, string RuleId, SourceOrigin Origin)
{
    public string Minified { get; } = PolicyJson.Minified(Statement);
}
