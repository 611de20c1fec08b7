using System.Collections.Immutable;
using Sec08Policy.Engine.Iam.Matching;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Prevention;

namespace Sec08Policy.Engine.Access;

/// <summary>
/// One kind of request a preventive requirement clause promises to deny for one service: the pattern's actions,
/// resource and request tests, within the clause's levels (read from the request's classification tag), except on
/// resources a waiver of the requirement names while it is in force.
/// </summary>
internal sealed class PreventiveEntry(CompiledRule rule, string service, DenyPattern pattern, ClassificationScheme? scheme, IReadOnlyList<Waiver> waivers)
{
    // The context key that carries the classification of what a create request makes.
    private readonly string? _classificationKey = scheme is null ? null : "aws:RequestTag/" + scheme.TagKey;

    // Each waiver is in force until the start of the day after its expiry (UTC).
    private readonly (DateTimeOffset Until, ImmutableArray<string> Resources)[] _waivers =
        [.. waivers.Select(w => (new DateTimeOffset(w.Expires.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), w.Resources))];

    public ClauseDecisions Decisions { get; } = new(new DecidingClause(
        rule.Id,
        $"{service} {pattern.Purpose}: {string.Join(", ", pattern.Tests.Select(RequestTests.Describe).DefaultIfEmpty("always"))}",
        rule.Origin));

    public DecidingClause Clause => Decisions.Clause;

    public bool MatchesAction(string action) => pattern.Actions.Contains(action, StringComparer.OrdinalIgnoreCase);

    public bool Denies(RequestView view) =>
        ArnMatch.IsMatch(pattern.Resource, view.ResourceArn)
        && AllTestsHold(view.Request)
        && InScope(view.Request)
        && !Waived(view.Request, view.ResourceArn);

    private bool AllTestsHold(AccessRequest request)
    {
        foreach (var test in pattern.Tests)
        {
            if (!RequestTests.Holds(test, request))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Unscoped patterns and clauses over every level always apply. Otherwise the request's classification tag decides:
    /// missing means the default level (out of scope without one); a value that is no level is in scope (fail closed).
    /// </summary>
    private bool InScope(AccessRequest request)
    {
        if (pattern.Unscoped || rule.Levels is null || scheme is null || rule.Levels.Levels.Length == scheme.Levels.Length)
        {
            return true;
        }

        var value = request.ContextMap.GetValueOrDefault(_classificationKey!) ?? scheme.DefaultLevel;
        return value is not null && (rule.Levels.Levels.Contains(value) || !scheme.Levels.Contains(value));
    }

    private bool Waived(AccessRequest request, string resource)
    {
        foreach (var (until, resources) in _waivers)
        {
            if (request.Time < until)
            {
                foreach (var waived in resources)
                {
                    if (ArnMatch.IsMatch(waived, resource))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Every clause, service and pattern that a preventive requirement of the policy promises.</summary>
    public static IEnumerable<PreventiveEntry> All(PolicySet policy)
    {
        foreach (var rule in policy.Rules.Where(r => r.Preventive))
        {
            var waivers = policy.Waivers.Where(w => w.Requirement == rule.Requirement).ToList();
            foreach (var service in rule.Services)
            {
                var prevention = Preventions.For(rule.Check, service);
                var scoped = rule.Levels is not null && policy.Classification is { } scheme && rule.Levels.Levels.Length < scheme.Levels.Length;
                foreach (var pattern in prevention.Denies)
                {
                    // A level-scoped clause for a service (or actions) whose request has no classification is detective only.
                    if (scoped && !pattern.Unscoped && !(prevention.ScopedByClassification && pattern.Scopable))
                    {
                        continue;
                    }

                    yield return new PreventiveEntry(rule, service, pattern, policy.Classification, [.. waivers.Select(w => w with { Resources = [.. w.Resources.Where(r => Reaches(r, pattern))] })]);
                }
            }
        }
    }

    /// <summary>
    /// Whether a waived resource can be one of the pattern's requests: its ARN names the service of one of the
    /// pattern's actions, or any service. The SCP exempts only such resources.
    /// </summary>
    private static bool Reaches(string resource, DenyPattern pattern)
    {
        var parts = resource.Split(':');
        return resource == "*" || parts.Length < 3 || parts[2].AsSpan().IndexOfAny('*', '?') >= 0
            || pattern.Actions.Any(a => a.StartsWith(parts[2] + ":", StringComparison.OrdinalIgnoreCase));
    }
}
