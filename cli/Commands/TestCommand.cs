using System.CommandLine;
using System.Globalization;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Testing;

namespace Sec08Policy.Cli.Commands;

/// <summary>
/// <c>sec08 test PATH... [--coverage] [--min-coverage P] [--format text|junit]</c>: run the policy tests written as
/// YAML next to the policy (docs/testing.md). Every test file is read and checked before any case runs.
/// </summary>
internal static class TestCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "test files (*.test.yaml), or folders searched recursively for them", Arity = ArgumentArity.OneOrMore };
        var coverage = new Option<bool>("--coverage") { Description = "list the requirement clauses, access rules and waivers no test exercises, and the share exercised" };
        var minimum = OptionValues.Each(
            new Option<double?>("--min-coverage") { Description = "exit 1 when less than this percentage (0-100) is exercised" },
            p => double.TryParse(p, System.Globalization.NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100,
            "a percentage from 0 to 100");
        var format = new Option<string>("--format") { Description = "output format", DefaultValueFactory = _ => "text" };
        OptionValues.OneOf(format, "text", "junit");
        var command = new Command(
            "test",
            "Run the policy tests: each case gives resources (inline or from files) and the verdict each rule must give, or an access request and its decision.\n"
            + "Exit codes: 0 every case passed, 1 a case failed or coverage is below --min-coverage, 2 errors in policy source, 3 usage or a malformed test file.")
        {
            paths,
            coverage,
            minimum,
            format,
        };
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(coverage), parse.GetValue(minimum), parse.GetValue(format)!, context));
        return command;
    }

    private static int Run(string[] paths, bool showCoverage, double? minimum, string format, CliContext context)
    {
        if (minimum is < 0 or > 100)
        {
            return context.UsageError("`--min-coverage` is a percentage from 0 to 100");
        }

        var search = Sec08Policy.Engine.Files.FileSearch.Expand(paths, PolicyTestReader.IsTestFile, "test files (`*.test.yaml`)");
        search.Skipped.ToList().ForEach(context.Warning);
        var files = search.Files;
        var usage = search.Errors.ToList();
        usage.AddRange(files.Where(f => !PolicyTestReader.IsTestFile(f)).Select(f => $"`{f}` is not a test file; test files end in `{PolicyTestReader.FileSuffix}`"));
        if (usage.Count > 0)
        {
            usage.ForEach(u => context.UsageError(u));
            return ExitCodes.UsageOrInput;
        }

        // Every file is parsed, and every policy compiled, before any case runs: a file that does not read reports
        // nothing as passed.
        var problems = new List<InputException>();
        var documents = new List<(TestDocument Document, string[] Policy)>();
        foreach (var file in files.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var document = TestDocument.Load(file);
                documents.Add((document, [.. PolicyTestReader.PolicyPaths(document)]));
            }
            catch (InputException e)
            {
                problems.Add(e);
            }
        }

        if (Report(problems, context) is { } malformed)
        {
            return malformed;
        }

        var policies = new Dictionary<string, PolicySet>(StringComparer.Ordinal);
        foreach (var policyPaths in documents.Select(d => d.Policy).DistinctBy(SetKey))
        {
            var input = PolicyInput.Load(policyPaths, Compiler.PolicySetLoader.DefaultMaxFileSize, context);
            if (input is null)
            {
                return ExitCodes.UsageOrInput;
            }

            if (input.HasErrors)
            {
                DiagnosticFormatter.WriteHuman(context.Error, input.Diagnostics.Where(d => d.IsError));
                return input.HasUnreadableFiles ? ExitCodes.UsageOrInput : ExitCodes.PolicyErrors;
            }

            policies[SetKey(policyPaths)] = input.Compilation.Lower()!;
        }

        var tests = new List<(PolicyTestFile File, PolicySet Policy)>();
        foreach (var (document, policyPaths) in documents)
        {
            var policy = policies[SetKey(policyPaths)];
            try
            {
                tests.Add((PolicyTestReader.Read(document, policy, context.Today), policy));
            }
            catch (InputException e)
            {
                problems.Add(e);
            }
        }

        if (Report(problems, context) is { } invalid)
        {
            return invalid;
        }

        var coverage = new TestCoverage();
        foreach (var policy in policies.Values)
        {
            coverage.Add(policy);
        }

        var runners = policies.Values.Distinct().ToDictionary(p => p, p => new PolicyTestRunner(p));
        var results = tests.SelectMany(t => runners[t.Policy].Run(t.File, coverage)).ToList();
        var wantsCoverage = showCoverage || minimum is not null;
        if (format == "junit")
        {
            using var stdout = context.OpenOut();
            TestReportWriter.WriteJunit(stdout, results, wantsCoverage ? coverage : null);
            stdout.Flush();
        }
        else
        {
            TestReportWriter.WriteText(context.Out, results, wantsCoverage ? coverage : null);
        }

        if (minimum is { } floor && coverage.Percent < floor)
        {
            context.Error.Write(string.Create(CultureInfo.InvariantCulture, $"sec08: coverage {TestReportWriter.Percent(coverage.Percent)} is below --min-coverage {floor:0.#}%\n"));
            return ExitCodes.Findings;
        }

        return results.Any(r => r.Status == CaseStatus.Failed) ? ExitCodes.Findings : ExitCodes.Success;
    }

    /// <summary>Prints malformed test files with their positions; exit 3 when there are any.</summary>
    private static int? Report(List<InputException> problems, CliContext context)
    {
        foreach (var problem in problems)
        {
            context.Error.Write($"{problem.File}({problem.Line},{problem.Column}): error: {problem.Message}\n");
        }

        return problems.Count > 0 ? ExitCodes.UsageOrInput : null;
    }

    private static string SetKey(string[] paths) => string.Join('\n', paths.Select(Path.GetFullPath).Order(StringComparer.Ordinal));
}
