using System.Text.RegularExpressions;
using Sec08Policy.Compiler.Emit.Json;

namespace Sec08Policy.Compiler.Emit;

/// <summary>
/// The IAM policy grammar rules an emitted document must meet (aws-facts 1.1, 2.3, 3.1): version, unique alphanumeric
/// Sids, Effect, Action and Resource present, Principal only in key policies, SCPs Deny-only, and the allowed characters.
/// </summary>
public static partial class PolicyGrammarCheck
{
    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex SidPattern();

    [GeneratedRegex(@"^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$")]
    private static partial Regex ActionPattern();

    public static IReadOnlyList<string> Check(PolicyDocument document, bool keyPolicy, bool serviceControlPolicy)
    {
        var problems = new List<string>();
        if (document.Version != PolicyDocument.CurrentVersion)
        {
            problems.Add($"Version must be {PolicyDocument.CurrentVersion}");
        }

        if (document.Statement.IsDefaultOrEmpty)
        {
            problems.Add("a policy needs at least one statement");
            return problems;
        }

        var sids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in document.Statement)
        {
            if (!SidPattern().IsMatch(statement.Sid) || !sids.Add(statement.Sid))
            {
                problems.Add($"Sid `{statement.Sid}` must be unique and alphanumeric");
            }

            if (statement.Effect is not ("Allow" or "Deny"))
            {
                problems.Add($"{statement.Sid}: Effect must be Allow or Deny");
            }

            if (serviceControlPolicy && statement.Effect != "Deny")
            {
                problems.Add($"{statement.Sid}: SCP statements are Deny-only");
            }

            if (keyPolicy != (statement.Principal is not null))
            {
                problems.Add($"{statement.Sid}: Principal belongs in key policies and nowhere else");
            }

            if (keyPolicy && statement.Resource?.Values is not ["*"])
            {
                problems.Add($"{statement.Sid}: a key policy's Resource is \"*\"");
            }

            if (statement.Action.Values.IsEmpty || statement.Action.Values.Any(a => !ActionPattern().IsMatch(a)))
            {
                problems.Add($"{statement.Sid}: Action must be service:Action names");
            }

            if ((statement.Resource is null) == (statement.NotResource is null) || (statement.Resource ?? statement.NotResource)!.Values.IsEmpty)
            {
                problems.Add($"{statement.Sid}: exactly one of Resource and NotResource is required");
            }

            if (statement.NotResource is not null && !(serviceControlPolicy && statement.Effect == "Deny"))
            {
                problems.Add($"{statement.Sid}: NotResource appears only in SCP Deny statements");
            }
        }

        var text = PolicyJson.Minified(document);
        if (text.Any(c => c is not ('\t' or '\n' or '\r') && (c < ' ' || c > '\u00FF')))
        {
            problems.Add("only tab, LF, CR and U+0020 to U+00FF may appear in a policy");
        }

        return problems;
    }
}
