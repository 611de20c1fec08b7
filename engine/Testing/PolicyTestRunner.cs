using System.Collections.Immutable;
using System.Diagnostics;
using Sec08Policy.Engine.Access;
using Sec08Policy.Engine.Evaluation;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Reporting;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Testing;

public enum CaseStatus
{
    Passed,
    Failed,
}

/// <summary>One way a case's result differs from what it expects, at the expectation and the rule it is about.</summary>
public sealed record Mismatch(string Message, SourcePosition Expectation, SourceOrigin? Rule);

/// <summary>What running one case gave.</summary>
public sealed record CaseResult(PolicyTestFile File, TestCase Case, CaseStatus Status, ImmutableArray<Mismatch> Mismatches);

/// <summary>
/// Runs the cases of test files against one compiled policy: resource cases through the <see cref="Evaluator"/> on the
/// case's date, each expectation compared with the verdict the rule gives; access cases through the language's
/// decision procedure (<see cref="AccessDecider"/>), the one <c>sec08 authorize</c> prints.
/// </summary>
public sealed class PolicyTestRunner(PolicySet policy)
{
    private readonly Dictionary<DateOnly, Evaluator> _evaluators = [];
    private readonly Dictionary<string, CompiledRule> _rules = policy.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
    private readonly AccessDecider _decider = new(policy);

    public IEnumerable<CaseResult> Run(PolicyTestFile file, TestCoverage coverage) => file.Cases.Select(c => c switch
    {
        ResourceTestCase resources => Run(file, resources, coverage),
        AccessTestCase access => Run(file, access, coverage),
        _ => throw new UnreachableException($"a test case of kind {c.GetType().Name}"),
    });

    private CaseResult Run(PolicyTestFile file, AccessTestCase testCase, TestCoverage coverage)
    {
        var request = testCase.Request;
        var decision = _decider.Decide(new AccessRequest
        {
            Principal = request.Principal,
            PrincipalTags = request.PrincipalTags,
            Action = request.Action,
            Resource = request.Resource,
            ResourceTags = request.ResourceTags,
            Context = request.Context.AddRange(request.RequestTags.Select(t => KeyValuePair.Create("aws:RequestTag/" + t.Key, t.Value))),
            S3BucketAbac = policy.S3BucketAbac,
            Time = request.Time ?? new DateTimeOffset(testCase.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        });
        var deciding = decision.Clauses.Select(c => c.Source).ToList();
        foreach (var rule in policy.AccessRules.Where(r => deciding.Contains($"{(r.Effect == AccessEffect.Allow ? "allow" : "deny")} {r.Name}")))
        {
            coverage.Hit(rule);
        }

        var expected = testCase.Expectation;
        var actual = decision.Outcome == AccessOutcome.Allowed ? "allow" : "deny";
        var because = decision.Clauses.IsEmpty ? decision.Reason : string.Join("; ", decision.Clauses);
        string? problem = null;
        if (actual != expected.Decision)
        {
            problem = $"expected {expected.Decision}, got {actual} ({because})";
        }
        else if (expected.Rule is { } rule && !deciding.Any(d => d.EndsWith(" " + rule, StringComparison.Ordinal)))
        {
            problem = $"expected {expected.Decision} by `{rule}`, got {actual} by {because}";
        }

        var origin = expected.Rule is { } name ? policy.AccessRules.FirstOrDefault(r => r.Name == name)?.Origin : null;
        return problem is null
            ? new CaseResult(file, testCase, CaseStatus.Passed, [])
            : new CaseResult(file, testCase, CaseStatus.Failed, [new Mismatch(problem, expected.Position, origin)]);
    }

    private CaseResult Run(PolicyTestFile file, ResourceTestCase testCase, TestCoverage coverage)
    {
        if (!_evaluators.TryGetValue(testCase.Date, out var evaluator))
        {
            evaluator = _evaluators[testCase.Date] = new Evaluator(policy, new EvaluationOptions(testCase.Date));
        }

        var findings = evaluator.Evaluate(testCase.Resources).Findings;
        var mismatches = ImmutableArray.CreateBuilder<Mismatch>();
        foreach (var expectation in testCase.Expectations)
        {
            var rule = _rules[expectation.RuleId];
            var candidates = findings.Where(f => f.Rule.Id == rule.Id && (expectation.Resource is null || f.Resource.Id == expectation.Resource)).ToList();
            var subject = expectation.Resource is null ? string.Empty : $" on `{expectation.Resource}`";
            string? problem;
            if (candidates.Select(f => f.Verdict).Distinct().Count() > 1)
            {
                var each = string.Join(", ", candidates.Select(f => $"`{f.Resource.Id}` {ReportOrder.Verdict(f.Verdict)}"));
                problem = $"`{rule.Id}`: the verdict differs by resource ({each}); key the expectation by resource";
            }
            else
            {
                var actual = candidates.Count == 0 ? Verdict.NotApplicable : candidates[0].Verdict;
                problem = Compare(expectation, rule, subject, actual, candidates);
            }

            foreach (var finding in candidates.Where(f => f.Verdict != Verdict.NotApplicable))
            {
                coverage.Hit(rule);
                if (finding.Waiver is { } waiver)
                {
                    coverage.Hit(waiver);
                }
            }

            if (problem is not null)
            {
                mismatches.Add(new Mismatch(problem, expectation.Position, rule.Origin));
            }
        }

        return new CaseResult(file, testCase, mismatches.Count == 0 ? CaseStatus.Passed : CaseStatus.Failed, mismatches.ToImmutable());
    }

    /// <summary>Null when the findings meet the expectation; otherwise what differs.</summary>
    private static string? Compare(VerdictExpectation expectation, CompiledRule rule, string subject, Verdict actual, List<Finding> findings)
    {
        if (actual != expectation.Verdict)
        {
            var because = findings.FirstOrDefault()?.Reason is { } reason ? $" ({reason})" : string.Empty;
            return $"`{rule.Id}`{subject}: expected {ReportOrder.Verdict(expectation.Verdict)}, got {ReportOrder.Verdict(actual)}{because}";
        }

        if (expectation.Reason is { } wanted && !findings.Any(f => f.Reason?.Contains(wanted, StringComparison.Ordinal) == true))
        {
            return $"`{rule.Id}`{subject}: expected a reason containing \"{wanted}\", got \"{findings.FirstOrDefault()?.Reason}\"";
        }

        if (expectation.Waiver is { } waiver && !findings.Any(f => f.Waiver?.Name == waiver))
        {
            var got = findings.FirstOrDefault()?.Waiver is { } w ? $"`{w.Name}`" : "no waiver";
            return $"`{rule.Id}`{subject}: expected waiver `{waiver}`, got {got}";
        }

        return null;
    }
}
