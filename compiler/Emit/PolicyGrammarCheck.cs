using System.Text.RegularExpressions;
using Sec08Policy.Compiler.Emit.Json;

namespace Sec08Policy.Compiler.Emit;

/// <summary>
/// The IAM policy grammar rules an emitted document must meet (aws-facts 1.1, 2.3, 3.1): version, unique alphanumeric
/// Sids, Effect, Action and Resource present, Principal only in key policies and RCPs, SCPs and RCPs Deny-only, and the
/// allowed characters. An RCP's statements name <c>"Principal": "*"</c> and nothing narrower (AWS Organizations, "RCP
/// syntax": <c>Allow</c> only in the AWS managed <c>RCPFullAWSAccess</c>, no <c>NotPrincipal</c>).
/// </summary>
public static partial class PolicyGrammarCheck
{
    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex SidPattern();

    [GeneratedRegex(@"^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$")]
    private static partial Regex ActionPattern();

    /// <summary>The rules of a resource control policy: those of an SCP, with <c>"Principal": "*"</c> in every statement.</summary>
    public static IReadOnlyList<string> CheckResourceControlPolicy(PolicyDocument document)
    {
        var problems = Check(document, keyPolicy: false, serviceControlPolicy: true, resourceControlPolicy: true).ToList();
        foreach (var statement in document.Statement.IsDefault ? [] : document.Statement)
        {
            if (statement.Principal is not { Everyone: true })
            {
                problems.Add($"{statement.Sid}: an RCP statement's Principal is \"*\"");
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> Check(PolicyDocument document, bool keyPolicy, bool serviceControlPolicy) =>
        Check(document, keyPolicy, serviceControlPolicy, resourceControlPolicy: false);

    private static List<string> Check(PolicyDocument document, bool keyPolicy, bool serviceControlPolicy, bool resourceControlPolicy)
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
                problems.Add($"{statement.Sid}: {(resourceControlPolicy ? "RCP" : "SCP")} statements are Deny-only");
            }

            if (!resourceControlPolicy && keyPolicy != (statement.Principal is not null))
            {
                problems.Add($"{statement.Sid}: Principal belongs in key policies and RCPs and nowhere else");
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
