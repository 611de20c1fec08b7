using System.Text;
using Sec08Policy.Compiler.Emit;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Serialization;
using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Serialization;

/// <summary>
/// <c>rules.json</c> is the IR: what a build writes reads back into the same IR (written again, byte for byte), and a
/// malformed file is an error at its line and column.
/// </summary>
public class RulesJsonTests
{
    /// <summary>The golden <c>rules.json</c> of the baseline and every build case, which BuildCaseTests keep equal to what build writes.</summary>
    public static IEnumerable<TestCaseData> BuiltFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Cases, "build"), "rules.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => new TestCaseData(p).SetName("RoundTrip_" + Path.GetFileName(Path.GetDirectoryName(p))));

    [TestCaseSource(nameof(BuiltFiles))]
    public void RoundTrip_WriteReadWrite_IsByteIdentical(string path)
    {
        var text = File.ReadAllText(path);

        var policy = PolicySetJson.Read(Encoding.UTF8.GetBytes(text), path);

        Assert.That(PolicySetJson.Write(policy), Is.EqualTo(text));
    }

    [Test]
    public void RoundTrip_CoversEveryKindOfItem()
    {
        var kinds = BuiltFiles()
            .Select(c => PolicySetJson.Read((string)c.Arguments[0]!))
            .Aggregate((Keys: false, Context: false, Rules: false, Access: false, Waivers: false, Conditions: false), (seen, p) => (
                seen.Keys || p.Keys.Any(k => !k.Administrators.IsEmpty && !k.ViaServices.IsEmpty),
                seen.Context || p.Keys.Any(k => !k.EncryptionContextKeys.IsEmpty),
                seen.Rules || p.Rules.Any(r => r.Levels is not null),
                seen.Access || p.AccessRules.Any(r => r.NotAfter is not null && !r.Keys.IsEmpty),
                seen.Waivers || !p.Waivers.IsEmpty,
                seen.Conditions || p.AccessRules.Any(r => r.Condition is not null)));

        Assert.That(kinds, Is.EqualTo((true, true, true, true, true, true)));
    }

    [TestCase("{\"format\": \"sec08-rules/2\",\n  \"policy\": ", 2, 13, "malformed JSON: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed", TestName = "Read_Truncated")]
    [TestCase("{\"format\": \"sec08-rules/1\"}", 1, 12, "`format` is `sec08-rules/1`; this sec08 reads `sec08-rules/2`", TestName = "Read_OldFormat")]
    [TestCase("[1, 2]", 1, 1, "the file must be an object", TestName = "Read_NotAnObject")]
    [TestCase("{\"format\": \"sec08-rules/2\",\n \"policy\": 7}", 2, 12, "`policy` must be a string or null", TestName = "Read_WrongType")]
    [TestCase("{\"format\": \"sec08-rules/2\", \"policy\": null}", 1, 1, "`account` is missing", TestName = "Read_MissingField")]
    public void Read_MalformedFile_ThrowsWithPosition(string text, int line, int column, string message)
    {
        var error = Assert.Throws<InputException>(() => PolicySetJson.Read(Encoding.UTF8.GetBytes(text), "rules.json"))!;

        Assert.That((error.File, error.Line, error.Column, error.Message), Is.EqualTo(("rules.json", line, column, message)));
    }

    [Test]
    public void Read_LevelNotInTheScheme_IsAnErrorAtTheLevel()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Cases, "build", "baseline.expected", "rules.json"))
            .Replace("\"protects\": [\n        \"confidential\"", "\"protects\": [\n        \"secret\"", StringComparison.Ordinal);

        var error = Assert.Throws<InputException>(() => PolicySetJson.Read(Encoding.UTF8.GetBytes(text), "rules.json"))!;

        Assert.That(error.Message, Is.EqualTo("`secret` is not a level of the classification scheme"));
        Assert.That(text.Split('\n')[error.Line - 1], Does.Contain("\"secret\""));
    }

    [Test]
    public void Read_RuleNamingAnUndeclaredKey_IsAnError()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Cases, "build", "baseline.expected", "rules.json"))
            .Replace("\"restricted_objects\"\n      ]", "\"restricted_objectz\"\n      ]", StringComparison.Ordinal);

        var error = Assert.Throws<InputException>(() => PolicySetJson.Read(Encoding.UTF8.GetBytes(text), "rules.json"))!;

        Assert.That(error.Message, Is.EqualTo("it names key `restricted_objectz`, which the file does not declare"));
    }

    /// <summary>The emitters need nothing but the IR: re-emitting from a build's rules.json writes that build's files.</summary>
    [TestCaseSource(nameof(BuiltFiles))]
    public void Emit_FromRulesJsonAlone_WritesTheBuildsFiles(string path)
    {
        var folder = Path.GetDirectoryName(path)!;

        var result = PolicySetEmitter.Emit(PolicySetJson.Read(path), EmitOptionsFor(folder));

        Assert.That(result.Success, Is.True, string.Join("\n", result.Diagnostics));
        var expected = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.That(result.Artifacts.Select(a => a.Path), Is.EqualTo(expected));
        foreach (var artifact in result.Artifacts)
        {
            Assert.That(artifact.Content, Is.EqualTo(File.ReadAllText(Path.Combine(folder, artifact.Path))), artifact.Path);
        }
    }

    private static EmitOptions EmitOptionsFor(string expectedFolder)
    {
        var args = Path.Combine(Path.GetDirectoryName(expectedFolder)!, Path.GetFileName(expectedFolder).Replace(".expected", ".args", StringComparison.Ordinal));
        var options = new EmitOptions();
        if (File.Exists(args))
        {
            var words = File.ReadAllText(args).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i + 1 < words.Length; i += 2)
            {
                var value = int.Parse(words[i + 1], System.Globalization.CultureInfo.InvariantCulture);
                options = words[i] == "--scp-max-chars" ? options with { ScpMaxCharacters = value } : options with { ScpMaxCount = value };
            }
        }

        return options;
    }
}
