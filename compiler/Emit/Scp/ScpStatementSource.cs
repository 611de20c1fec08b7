using Sec08Policy.Compiler.Emit.Json;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Emit.Scp;

/// <summary>An SCP statement with the requirement clause that asked for it.</summary>
internal sealed record ScpStatementSource(PolicyStatement Statement, string RuleId, SourceOrigin Origin)
{
    public string Minified { get; } = PolicyJson.Minified(Statement);

    /// <summary>
    /// The size that counts: UTF-8 bytes, which equal characters for ASCII and are the stricter reading where the
    /// sources disagree (bytes in 2023, characters now).
    /// </summary>
    public int Length => System.Text.Encoding.UTF8.GetByteCount(Minified);
}
