using System.Collections.Immutable;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>
/// Checks resources against the compiled rules. Each rule's check is compiled to a delegate once; every
/// (rule, resource) pair gets exactly one verdict. Not-applicable pairs are counted, not listed.
/// </summary>
public sealed class Evaluator
{
    private readonly PolicySet _policy;
    private readonly EvaluationOptions _options;
    private readonly ImmutableArray<RuleEntry> _rules;
    private readonly Classifier _classifier;

    public Evaluator(PolicySet policy, EvaluationOptions options)
    {
        _policy = policy;
        _options = options;
        _classifier = new Classifier(policy.Classification);
        // Rules in ID order, so each resource's findings come out in the order reports list them.
        _rules = [.. policy.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).Select(RuleEntry.For)];
    }

    public PolicySet Policy => _policy;

    public EvaluationResult Evaluate(IReadOnlyList<Resource> resources)
    {
        var findings = new List<Finding>();
        var notApplicable = Evaluate(resources, findings.Add);
        return new EvaluationResult(_policy, resources, [.. findings], notApplicable, _options.Today);
    }

    /// <summary>Streams every applicable finding to <paramref name="onFinding"/>; returns the number of not-applicable pairs.</summary>
    public long Evaluate(IReadOnlyList<Resource> resources, Action<Finding> onFinding)
    {
        var keys = new KeyDirectory(resources);
        var waivers = Waivers();
        long notApplicable = 0;
        foreach (var resource in resources)
        {
            notApplicable += Evaluate(resource, keys, waivers, onFinding);
        }

        return notApplicable;
    }

    internal WaiverIndex Waivers() => new(_policy.Waivers, _options.Today);

    /// <summary>Every rule on one resource, its findings in rule order to <paramref name="onFinding"/>; returns the number of not-applicable pairs.</summary>
    internal long Evaluate(Resource resource, KeyDirectory keys, WaiverIndex waivers, Action<Finding> onFinding)
    {
        long notApplicable = 0;
        var service = resource.Service;
        Fact<string?>? classification = null;
        foreach (var (rule, check, services, levels, levelsText) in _rules)
        {
            if (service is null || !services.Contains(service))
            {
                notApplicable++;
                continue;
            }

            classification ??= _classifier.Classify(resource);
            var level = classification.Value;
            Outcome outcome;
            if (levels is not null && !level.IsKnown)
            {
                outcome = Outcome.Unknown($"the rule covers {levelsText} data, but {level.UnknownReason}");
            }
            else if (levels is not null && (level.Value is null || !levels.Contains(level.Value)))
            {
                notApplicable++;
                continue;
            }
            else
            {
                outcome = check(resource, keys);
            }

            if (outcome.Verdict == Verdict.NotApplicable)
            {
                notApplicable++;
                continue;
            }

            var waiver = outcome.Verdict is Verdict.Fail or Verdict.Unknown ? waivers.Find(rule.Requirement, resource) : null;
            var verdict = waiver is { Expired: false } ? Verdict.Waived : outcome.Verdict;
            onFinding(new Finding(rule, resource, verdict, outcome.Reason, level.IsKnown ? level.Value : null, waiver?.Waiver, waiver?.Expired ?? false));
        }

        return notApplicable;
    }

    /// <summary>A rule as the loop needs it: its compiled check, and its services and levels as sets.</summary>
    private sealed record RuleEntry(CompiledRule Rule, Func<Resource, KeyDirectory, Outcome> Check, HashSet<string> Services, HashSet<string>? Levels, string? LevelsText)
    {
        public static RuleEntry For(CompiledRule rule) => new(
            rule,
            CheckCompiler.Compile(rule.Check),
            rule.Services.ToHashSet(StringComparer.Ordinal),
            rule.Levels?.Levels.ToHashSet(StringComparer.Ordinal),
            rule.Levels is { } levels ? string.Join(", ", levels.Levels.Distinct().Order(StringComparer.Ordinal)) : null);
    }
}
