using System.CommandLine;
using Sec08Policy.Engine.Verification;

namespace Sec08Policy.Cli.Commands;

/// <summary>
/// <c>sec08 verify (--policy PATH... | --rules FILE)</c>: the compiled documents decide as the policy says, over the
/// request classes at the decision boundary of every access rule, key and preventive requirement.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var policy = OptionValues.NonEmptyPath(new Option<string[]>("--policy") { Description = "policy files or folders", AllowMultipleArgumentsPerToken = true });
        var rules = OptionValues.NonEmptyPath(new Option<string>("--rules") { Description = "the rules.json a build wrote, instead of --policy" });
        var maxPolicySize = PolicyInput.MaxSizeOption();
        var command = new Command(
            "verify",
            "Check that the IAM documents build writes decide every request class at the boundary of each rule, key and preventive requirement as the policy does.\n"
            + "Exit codes: 0 every class agrees, 1 a class is decided differently, 2 errors in policy source, 3 usage.")
        {
            policy,
            rules,
            maxPolicySize,
        };
        command.SetAction(parse => Run(parse.GetValue(policy) ?? [], parse.GetValue(rules), parse.GetValue(maxPolicySize), context));
        return command;
    }

    private static int Run(string[] policies, string? rules, long maxPolicySize, CliContext context)
    {
        var source = PolicySource.Load(policies, rules, maxPolicySize, context, out var exitCode);
        if (source is null)
        {
            return exitCode;
        }

        var emitted = source.Emit();
        if (!emitted.Success)
        {
            Sec08Policy.Compiler.Diagnostics.DiagnosticFormatter.WriteHuman(context.Error, emitted.Diagnostics.Where(d => d.IsError));
            return ExitCodes.PolicyErrors;
        }

        var documents = CompiledDocuments.From(emitted.Artifacts.Select(a => (a.Path, a.Content)));
        var result = Verifier.Verify(source.Policy, documents, new DateTimeOffset(DateTime.SpecifyKind(context.Now, DateTimeKind.Utc)));
        using (var stdout = context.OpenOut())
        using (var writer = new StreamWriter(stdout, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" })
        {
            foreach (var pair in result.Disagreements)
            {
                var request = pair.Request;
                writer.WriteLine($"disagreement: {request.Principal} {request.Action} {request.Resource}");
                writer.WriteLine($"  request:   {Describe(request)}");
                writer.WriteLine($"  language:  {AuthorizeReport.Language(pair.Language)}");
                writer.WriteLine($"  documents: {pair.Documents}");
            }

            writer.WriteLine($"{result.Checked:N0} request classes checked: {result.Checked - result.Disagreements.Count:N0} agree, {result.Disagreements.Count:N0} disagree");
        }

        return result.Agrees ? ExitCodes.Success : ExitCodes.Findings;
    }

    private static string Describe(Sec08Policy.Engine.Access.AccessRequest request)
    {
        static string Map(IReadOnlyDictionary<string, string> map) =>
            map.Count == 0 ? "{}" : "{" + string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) + "}";
        return $"principal tags {Map(request.PrincipalTags)}, resource tags {Map(request.ResourceTags)}, context {Map(request.Context)}, "
            + $"s3 bucket ABAC {(request.S3BucketAbac ? "on" : "off")}, at {request.Time.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";
    }
}
