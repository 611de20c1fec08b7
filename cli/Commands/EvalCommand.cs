using System.CommandLine;
using System.Reflection;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Files;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Reporting;

namespace Sec08Policy.Cli.Commands;

/// <summary>
/// <c>sec08 eval (--policy PATH... | --rules FILE) (--input PATH... | --live) [--format F [-o FILE]]... [--fail-on SEVERITY]</c>: check resources
/// against the policy and report. Formats pair with <c>-o</c> files in order; a format without a file goes to
/// standard output, so SARIF and JUnit can be written in one run.
/// </summary>
internal static class EvalCommand
{
    private static readonly string[] s_formats = ["text", "json", "sarif", "junit", "markdown", "html", "asff", "json-v1"];
    private static readonly string[] s_severities = ["info", "low", "medium", "high", "critical", "none"];

    public static Command Create(CliContext context)
    {
        var policy = OptionValues.NonEmptyPath(new Option<string[]>("--policy") { Description = "policy files or folders", AllowMultipleArgumentsPerToken = true });
        var rules = OptionValues.NonEmptyPath(new Option<string>("--rules") { Description = "the rules.json a build wrote, instead of --policy" });
        var input = OptionValues.NonEmptyPath(new Option<string[]>("--input") { Description = "CloudFormation templates, Terraform plans, AWS Config snapshots or items, inventories, or folders of them", AllowMultipleArgumentsPerToken = true });
        var liveFlag = new Option<bool>("--live") { Description = "also collect what is deployed (see `sec08 collect`), across an organization with --config-aggregator" };
        var live = new LiveOptions();
        var format = new Option<string[]>("--format") { Description = "report format (repeatable): text, json, sarif, junit, markdown, html, asff (Security Hub findings); json-v1 for the previous release's JSON (sec08-eval/1)" };
        OptionValues.OneOf(format, s_formats);
        var output = OptionValues.NonEmptyPath(new Option<string[]>("--output", "-o") { Description = "report file for the format in the same position (repeatable)" });
        var failOn = new Option<string>("--fail-on") { Description = "exit 1 when a failure has at least this severity (none: never)", DefaultValueFactory = _ => "info" };
        OptionValues.OneOf(failOn, s_severities);
        var asffAccount = OptionValues.Each(new Option<string>("--asff-account") { Description = "asff: the account of findings whose resource names none (a template or a plan)" }, v => v.Length == 12 && v.All(char.IsAsciiDigit), "a 12-digit account ID");
        var asffRegion = OptionValues.Each(new Option<string>("--asff-region") { Description = "asff: the Region of findings whose resource names none" }, v => v.Length > 0 && v.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'), "a Region name such as eu-west-1");
        var failOnUnknown = new Option<bool>("--fail-on-unknown") { Description = "also exit 1 when a rule could not be decided" };
        var maxPolicySize = PolicyInput.MaxSizeOption();
        var maxInputSize = InputSet.MaxSizeOption();
        var command = new Command(
            "eval",
            "Check resources against the policy: every rule and resource gets Pass, Fail, NotApplicable, Unknown or Waived.\n"
            + "Exit codes: 0 no failure at or above --fail-on, 1 failures, 2 errors in policy source, 3 usage, unreadable or malformed input, unwritable output.")
        {
            policy,
            rules,
            input,
            format,
            output,
            failOn,
            failOnUnknown,
            liveFlag,
            maxPolicySize,
            maxInputSize,
            asffAccount,
            asffRegion,
        };
        live.AddTo(command);
        command.SetAction(parse =>
        {
            if (!parse.GetValue(liveFlag) && parse.GetValue(live.ConfigAggregator) is not null)
            {
                return context.UsageError("`--config-aggregator` reads live data: give `--live` too");
            }

            return Run(
                new EvalRequest(parse.GetValue(policy) ?? [], parse.GetValue(rules), parse.GetValue(input) ?? [], parse.GetValue(format) ?? [], parse.GetValue(output) ?? [], parse.GetValue(failOn)!, parse.GetValue(failOnUnknown))
                {
                    MaxPolicySize = parse.GetValue(maxPolicySize),
                    MaxInputSize = parse.GetValue(maxInputSize),
                    Live = parse.GetValue(liveFlag) ? (live.Read(parse, context), live.WantsAllRegions(parse)) : null,
                    Asff = new AsffTarget(parse.GetValue(asffAccount), parse.GetValue(asffRegion)),
                },
                context);
        });
        return command;
    }

    private sealed record EvalRequest(string[] Policies, string? Rules, string[] Inputs, string[] Formats, string[] Outputs, string FailOn, bool FailOnUnknown)
    {
        public (Collector.CollectOptions Options, bool AllRegions)? Live { get; init; }

        public long MaxPolicySize { get; init; }

        public long MaxInputSize { get; init; }

        public AsffTarget Asff { get; init; } = new(null, null);
    }

    private static int Run(EvalRequest request, CliContext context)
    {
        if (request.Inputs.Length == 0 && request.Live is null)
        {
            return context.UsageError("give `--input PATH...`, `--live`, or both");
        }

        var formats = request.Formats.Length == 0 ? ["text"] : request.Formats;
        if (request.Outputs.Length > formats.Length || formats.Length - request.Outputs.Length > 1)
        {
            return context.UsageError("give one `-o FILE` per `--format`; at most one format may go to standard output");
        }

        if (CheckOutputs(formats, request.Outputs, context) is { } refused)
        {
            return refused;
        }

        // One AWS Config snapshot file is read twice instead of held (docs/eval.md, "Large AWS Config snapshots"); the inputs
        // are read (or the snapshot's keys kept) on another core while the policy compiles; their problems are printed
        // after the policy's, as if read after it.
        var snapshot = request.Live is null && request.Inputs.Length == 1 && formats.All(Streams) && FileSearch.KindOf(request.Inputs[0]) == FileKind.Regular
            ? request.Inputs[0]
            : null;
        var scanning = snapshot is null ? null : Task.Run(() => InputSet.ScanConfig(snapshot, request.MaxInputSize));
        var reading = request.Inputs.Length > 0 && snapshot is null ? Task.Run(() => InputSet.Read(request.Inputs, request.MaxInputSize)) : null;
        var policy = PolicySource.Load(request.Policies, request.Rules, request.MaxPolicySize, context, out var exitCode);
        if (policy is null)
        {
            return exitCode;
        }

        IReportSource? result = null;
        var sourcePaths = new List<string>();
        if (scanning?.GetAwaiter().GetResult() is var (input, _, error))
        {
            if (error is not null)
            {
                context.Error.Write($"{error.File}({error.Line},{error.Column}): error: {error.Message}\n");
                return ExitCodes.UsageOrInput;
            }

            if (input is not null)
            {
                result = new StreamedEvaluation(policy.Policy, new EvaluationOptions(context.Today), input);
                sourcePaths.Add(snapshot!);
            }
            else
            {
                // Not a Config snapshot: read as any other input.
                reading = Task.FromResult(InputSet.Read(request.Inputs, request.MaxInputSize));
            }
        }

        if (result is null)
        {
            // One report that lists its findings once is written as the resources are evaluated, holding no findings.
            var listedOnce = formats.Length == 1 && Reporter.ListsOnce(Kind(formats[0]));
            var held = Evaluate(request, policy.Policy, reading, sourcePaths, listedOnce, context);
            if (held is null)
            {
                return ExitCodes.UsageOrInput;
            }

            result = held;
        }

        var read = policy.Files.Concat(sourcePaths).Where(p => p.Length > 0).Select(FileSearch.RealPath).ToHashSet(StringComparer.Ordinal);
        if (request.Outputs.FirstOrDefault(o => read.Contains(OutputFile.Identity(o))) is { } overwritten)
        {
            return context.UsageError($"will not write `{overwritten}`: it is a policy or input of this run");
        }

        try
        {
            return Report(request, formats, result, context);
        }
        catch (InputException e)
        {
            // A streamed snapshot that changed between its reads; a report written to a file is not left behind.
            context.Error.Write($"{e.File}({e.Line},{e.Column}): error: {e.Message}\n");
            return ExitCodes.UsageOrInput;
        }
    }

    /// <summary>Writes every report asked for; the exit code.</summary>
    private static int Report(EvalRequest request, string[] formats, IReportSource result, CliContext context)
    {
        // Only without both `--asff-account` and `--asff-region` can a finding lack an owner (a streamed snapshot is
        // read once more to find out).
        var partialTarget = request.Asff.Account is null || request.Asff.Region is null;
        if (formats.Contains("asff") && partialTarget && result.FindingsInOrder.FirstOrDefault(f => AsffReporter.Owner(f, request.Asff) is null) is { } orphan)
        {
            return context.UsageError($"asff findings need an account and a Region, and `{orphan.Resource.Id}` names neither: give `--asff-account ID --asff-region REGION`");
        }

        if (formats.Contains("asff") && !result.InputErrors.IsEmpty && partialTarget)
        {
            return context.UsageError("asff reports an input that could not be read as a finding of the account and Region given: give `--asff-account ID --asff-region REGION`");
        }

        var version = typeof(EvalCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
        for (var i = 0; i < formats.Length; i++)
        {
            var kind = Kind(formats[i]);
            if (i < request.Outputs.Length)
            {
                try
                {
                    OutputFile.WriteAtomically(request.Outputs[i], stream => Reporter.Write(result, kind, stream, color: false, version, request.Asff));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return context.UsageError($"cannot write `{request.Outputs[i]}`: {e.Message}");
                }
            }
            else
            {
                using var stdout = context.OpenOut();
                Reporter.Write(result, kind, stdout, context.Color && kind == ReportFormat.Text, version, request.Asff);
                stdout.Flush();
            }
        }

        if (!result.InputErrors.IsEmpty)
        {
            return ExitCodes.UsageOrInput;
        }

        var gate = request.FailOn == "none" ? (Severity?)null : Enum.Parse<Severity>(request.FailOn, ignoreCase: true);
        var failed = (gate is { } threshold && result.FailsAtOrAbove(threshold))
            || (request.FailOnUnknown && result.Count(Verdict.Unknown) > 0);
        return failed ? ExitCodes.Findings : ExitCodes.Success;
    }

    /// <summary>
    /// Reads every input (and what is deployed, with <c>--live</c>), links them and evaluates them in memory, holding the
    /// findings unless the one report lists them once (<paramref name="listedOnce"/>); null after saying why when nothing
    /// can be reported.
    /// </summary>
    private static IReportSource? Evaluate(EvalRequest request, PolicySet policy, Task<InputRead>? reading, List<string> sourcePaths, bool listedOnce, CliContext context)
    {
        var resources = new List<Sec08Policy.Engine.Resources.Resource>();
        var sources = 0;
        var inputErrors = System.Collections.Immutable.ImmutableArray<InputError>.Empty;
        if (reading is not null)
        {
            // A malformed file is reported with the rest evaluated, so one bad file among many hides nothing; the
            // run still ends with exit code 3.
            if (InputSet.ReportReadable(reading.GetAwaiter().GetResult(), context) is not var (inputs, errors))
            {
                return null;
            }

            if (inputs.IsEmpty && request.Live is null)
            {
                // Nothing was read: a report would say nothing.
                return null;
            }

            resources.AddRange(InputSet.Resources(inputs));
            sources += inputs.Length;
            sourcePaths.AddRange(inputs.Select(i => i.Path));
            sourcePaths.AddRange(errors.Select(e => e.File));
            inputErrors = errors;
        }

        if (request.Live is { } live)
        {
            if (LiveOptions.Collect(live.Options, live.AllRegions, context) is not { } collected)
            {
                return null;
            }

            resources.AddRange(collected.Resources);
            sources++;
        }

        // Keys may sit in another file than the data they protect: link them across the whole input set (one file's
        // resources were linked as it was read).
        var linked = sources == 1 ? resources : InputSetResolver.Resolve(resources);
        var options = new EvaluationOptions(context.Today);
        IReportSource result = listedOnce
            ? new StreamedEvaluation(policy, options, new HeldResources(linked), inputErrors)
            : new Evaluator(policy, options).Evaluate(linked) with { InputErrors = inputErrors };
        return result;
    }

    /// <summary>Whether a format is written from one listing of the findings, so that a snapshot can be streamed to it.</summary>
    private static bool Streams(string format) => Reporter.Streams(Kind(format));

    private static ReportFormat Kind(string format) => format == "json-v1" ? ReportFormat.JsonV1 : Enum.Parse<ReportFormat>(format, ignoreCase: true);

    /// <summary>Null when every <c>-o</c> may be written; otherwise the exit code, after saying why not.</summary>
    private static int? CheckOutputs(string[] formats, string[] outputs, CliContext context)
    {
        for (var i = 0; i < outputs.Length; i++)
        {
            if (OutputFile.WhyNotWritable(outputs[i]) is { } reason)
            {
                return context.UsageError($"cannot write `{outputs[i]}`: {reason}");
            }

            for (var j = 0; j < i; j++)
            {
                if (OutputFile.Identity(outputs[j]) == OutputFile.Identity(outputs[i]))
                {
                    return context.UsageError($"`{outputs[i]}` is named for both the {formats[j]} and the {formats[i]} report; give each report its own file");
                }
            }
        }

        return null;
    }
}
