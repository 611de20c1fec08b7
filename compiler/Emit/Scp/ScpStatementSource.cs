using Sec08Policy.Compiler.Emit.Json;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Emit.Scp;

/// <summary>An SCP statement with the requirement clause that asked for it.</summary>
internal sealed record ScpStatementSource(PolicyStatement Statement, string RuleId, SourceOrigin Origin)
{
    // Serialized and measured once: the packer asks for the length once per bin it tries.
    private readonly (string Text, int Bytes) _minified = Measure(Statement);

    public string Minified => _minified.Text;

    /// <summary>
    /// The size that counts: UTF-8 bytes, which equal characters for ASCII and are the stricter reading where the
    /// sources disagree (bytes in 2023, characters now).
    /// </summary>
    public int Length => _minified.Bytes;

    private static (string, int) Measure(PolicyStatement statement)
    {
        var text = PolicyJson.Minified(statement);
        return (text, PolicyJson.Utf8Length(text));
    }
}
