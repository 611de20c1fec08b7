using System.CommandLine;
using Sec08Policy.Engine.Access;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Verification;

namespace Sec08Policy.Cli.Commands;

/// <summary>
/// <c>sec08 authorize (--policy PATH... | --rules FILE) (--principal ARN --action A --resource ARN [tags, context] |
/// --requests FILE.jsonl) [--format text|json]</c>: may this principal do that to this resource? Prints the
/// language's answer, with the clauses that decided, and the compiled documents' answer, with the statements that
/// decided; exits 1 when they disagree.
/// </summary>
internal static class AuthorizeCommand
{
    public static Command Create(CliContext context)
    {
        var policy = OptionValues.NonEmptyPath(new Option<string[]>("--policy") { Description = "policy files or folders", AllowMultipleArgumentsPerToken = true });
        var rules = OptionValues.NonEmptyPath(new Option<string>("--rules") { Description = "the rules.json a build wrote, instead of --policy" });
        var principal = OptionValues.Each(new Option<string>("--principal") { Description = "the ARN of the IAM role, user or account root that asks" }, v => v.Length > 0, "an ARN");
        var principalTags = Pairs(new Option<string[]>("--principal-tag") { Description = "a tag of the principal, KEY=VALUE (repeatable)", HelpName = "KEY=VALUE" });
        var action = OptionValues.Each(new Option<string>("--action") { Description = "the action, such as s3:GetObject" }, v => v.Length > 0, "an action such as s3:GetObject");
        var resource = OptionValues.Each(new Option<string>("--resource") { Description = "the resource ARN; a declared key by its alias ARN" }, v => v.Length > 0, "an ARN");
        var resourceTags = Pairs(new Option<string[]>("--resource-tag") { Description = "a tag of the resource (of the bucket for S3), KEY=VALUE (repeatable)", HelpName = "KEY=VALUE" });
        var requestTags = Pairs(new Option<string[]>("--request-tag") { Description = "a tag the request sets, KEY=VALUE (repeatable)", HelpName = "KEY=VALUE" });
        var contextKeys = Pairs(new Option<string[]>("--context") { Description = "a request context key, KEY=VALUE, such as kms:ViaService=s3.eu-west-1.amazonaws.com (repeatable)", HelpName = "KEY=VALUE" });
        var abac = new Option<string>("--s3-bucket-abac") { Description = "whether the S3 bucket has ABAC enabled (default: the policy header's s3_bucket_abac)", HelpName = "on|off" };
        OptionValues.OneOf(abac, "on", "off");
        var time = OptionValues.Each(new Option<string>("--time") { Description = "when the request is made (default: now), such as 2026-12-01T09:00:00Z" }, v => DateTimeOffset.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _), "a time such as 2026-12-01T09:00:00Z");
        var requests = OptionValues.NonEmptyPath(new Option<string>("--requests") { Description = "a JSON Lines file of requests, one object per line, instead of the request options", HelpName = "FILE.jsonl" });
        var format = new Option<string>("--format") { Description = "output format", DefaultValueFactory = _ => "text" };
        OptionValues.OneOf(format, "text", "json");
        var maxPolicySize = PolicyInput.MaxSizeOption();
        var maxInputSize = InputSet.MaxSizeOption();
        var command = new Command(
            "authorize",
            "Decide an access request by the policy's rules and by the IAM documents build writes, and compare the two answers.\n"
            + "Exit codes: 0 the answers agree, 1 they disagree, 2 errors in policy source, 3 usage or a malformed request.")
        {
            policy, rules, principal, principalTags, action, resource, resourceTags, requestTags, contextKeys, abac, time, requests, format, maxPolicySize, maxInputSize,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(requests);
            var given = new (string Name, bool Given)[]
            {
                (principal.Name, parse.GetValue(principal) is not null), (action.Name, parse.GetValue(action) is not null), (resource.Name, parse.GetValue(resource) is not null),
                (principalTags.Name, parse.GetValue(principalTags) is { Length: > 0 }), (resourceTags.Name, parse.GetValue(resourceTags) is { Length: > 0 }),
                (requestTags.Name, parse.GetValue(requestTags) is { Length: > 0 }), (contextKeys.Name, parse.GetValue(contextKeys) is { Length: > 0 }),
                (abac.Name, parse.GetValue(abac) is not null), (time.Name, parse.GetValue(time) is not null),
            }.Where(o => o.Given).ToList();
            if (file is not null && given.Count > 0)
            {
                return context.UsageError($"give `--requests FILE` or the request options, not both (`{given[0].Name}` was given)");
            }

            var pairs = new[] { principalTags, resourceTags, requestTags, contextKeys }
                .Select(o => (parse.GetValue(o) ?? []).Select(t => AccessRequestInput.Pair(t)!.Value).ToList())
                .ToArray();
            var fields = new AccessRequestFields(
                parse.GetValue(principal), pairs[0], parse.GetValue(action), parse.GetValue(resource), pairs[1], pairs[2], pairs[3],
                parse.GetValue(abac) is { } setting ? setting == "on" : null, parse.GetValue(time));
            return Run(new AuthorizeRequest(parse.GetValue(policy) ?? [], parse.GetValue(rules), file, fields, parse.GetValue(format)!, parse.GetValue(maxPolicySize), parse.GetValue(maxInputSize)), context);
        });
        return command;
    }

    /// <summary>An option of KEY=VALUE pairs, each checked while parsing.</summary>
    private static Option<string[]> Pairs(Option<string[]> option) =>
        OptionValues.Each(option, t => AccessRequestInput.Pair(t) is not null, "KEY=VALUE with a non-empty KEY");

    private sealed record AuthorizeRequest(string[] Policies, string? Rules, string? File, AccessRequestFields Fields, string Format, long MaxPolicySize, long MaxInputSize);

    private static readonly Dictionary<string, string> s_optionNames = new(StringComparer.Ordinal)
    {
        ["principal"] = "--principal", ["action"] = "--action", ["resource"] = "--resource", ["context"] = "--context", ["time"] = "--time",
    };

    private static int Run(AuthorizeRequest request, CliContext context)
    {
        if (request.File is null && (request.Fields.Principal is null || request.Fields.Action is null || request.Fields.Resource is null))
        {
            return context.UsageError("give `--principal ARN --action A --resource ARN`, or `--requests FILE.jsonl`");
        }

        var source = PolicySource.Load(request.Policies, request.Rules, request.MaxPolicySize, context, out var exitCode);
        if (source is null)
        {
            return exitCode;
        }

        var now = new DateTimeOffset(DateTime.SpecifyKind(context.Now, DateTimeKind.Utc));
        List<(int Line, AccessRequest Request)> requests;
        if (request.File is { } file)
        {
            try
            {
                requests = AccessRequestInput.ReadLines(file, request.MaxInputSize, source.Policy.S3BucketAbac, now);
            }
            catch (InputException e)
            {
                context.Error.Write($"{e.File}({e.Line},{e.Column}): error: {e.Message}\n");
                return ExitCodes.UsageOrInput;
            }
        }
        else
        {
            var single = AccessRequestInput.Build(request.Fields, source.Policy.S3BucketAbac, now, f => $"`{s_optionNames[f]}`", out var problem);
            if (single is null)
            {
                return context.UsageError(problem!);
            }

            requests = [(0, single)];
        }

        var emitted = source.Emit();
        if (!emitted.Success)
        {
            Sec08Policy.Compiler.Diagnostics.DiagnosticFormatter.WriteHuman(context.Error, emitted.Diagnostics.Where(d => d.IsError));
            return ExitCodes.PolicyErrors;
        }

        var authorizer = new Authorizer(source.Policy, CompiledDocuments.From(emitted.Artifacts.Select(a => (a.Path, a.Content))));
        var answers = requests.Select(r => (r.Line, Pair: authorizer.Decide(r.Request))).ToList();
        using (var stdout = context.OpenOut())
        {
            if (request.Format == "json")
            {
                AuthorizeReport.WriteJson(stdout, answers, request.File);
            }
            else
            {
                using var writer = new StreamWriter(stdout, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
                AuthorizeReport.WriteText(writer, answers, request.File);
            }
        }

        return answers.All(a => a.Pair.Agree) ? ExitCodes.Success : ExitCodes.Findings;
    }
}
