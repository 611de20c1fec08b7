using System.Collections.Immutable;
using System.Globalization;
using Sec08Policy.Compiler.Diagnostics;
using Sec08Policy.Compiler.Emit.Json;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Predicates;
using Sec08Policy.Engine.Prevention;
using Sec08Policy.Engine.Reporting;

namespace Sec08Policy.Compiler.Emit.Scp;

/// <summary>
/// Service control policies for requirements marked <c>enforce preventive</c>: Deny-only statements (valid under both
/// the pre- and post-2025 SCP language), scoped to the clause's levels through the request's classification tag,
/// minified and packed into at most N policies of at most L characters, <c>scp/1.json</c> onwards.
/// </summary>
internal static class ScpEmitter
{
    public static ImmutableArray<EmittedDocument> Emit(EmitContext context)
    {
        var statements = CollectStatements(context).AddRange(Rcp.PerimeterPolicyStatements.For(context, Engine.Perimeters.PerimeterDocuments.ServiceControl)
            .Select(s => new ScpStatementSource(s.Statement, s.Source.Id, s.Source.Perimeter.Origin)));
        var max = context.Options.ScpMaxCharacters;
        var ok = true;
        foreach (var statement in statements)
        {
            var alone = ScpPacker.PolicyLength([statement]);
            if (alone > max)
            {
                context.Diagnostics.Report(Descriptors.ScpStatementTooLarge, context.Locate(statement.Origin), statement.Statement.Sid, alone, max);
                ok = false;
            }
        }

        if (!ok || statements.IsEmpty)
        {
            return [];
        }

        var packing = ScpPacker.Pack(statements, max);
        if (packing.Policies.Length > context.Options.ScpMaxCount)
        {
            var location = context.Locate(statements[0].Origin);
            context.Diagnostics.ReportWithHelp(
                Descriptors.ScpsDoNotFit,
                location,
                "raise --scp-max-count or --scp-max-chars, or enforce fewer requirements preventively",
                packing.TotalCharacters.ToString("N0", CultureInfo.InvariantCulture),
                Counted.Of(packing.Policies.Length, "SCP"),
                Counted.Of(context.Options.ScpMaxCount, "SCP"),
                max.ToString("N0", CultureInfo.InvariantCulture));
            return [];
        }

        return [.. packing.Policies.Select((policy, i) =>
        {
            var path = $"scp/{i + 1}.json";
            var document = new PolicyDocument { Statement = [.. policy.Select(s => s.Statement)] };
            var entries = policy.Select(s => new ManifestEntry(path, s.Statement.Sid, "scp", s.RuleId, s.Origin)).ToImmutableArray();
            return new EmittedDocument(path, $"{context.PolicySet.Name ?? "sec08"}-scp-{i + 1}", document, entries);
        })];
    }

    private static ImmutableArray<ScpStatementSource> CollectStatements(EmitContext context)
    {
        var scheme = context.PolicySet.Classification;
        var drafts = new List<Draft>();
        foreach (var rule in context.PolicySet.Rules.Where(r => r.Preventive))
        {
            var clause = rule.Clause.ToString(CultureInfo.InvariantCulture);
            var notes = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            void Note(string reason, string service)
            {
                if (!notes.TryGetValue(reason, out var services))
                {
                    notes[reason] = services = new SortedSet<string>(StringComparer.Ordinal);
                }

                services.Add(service);
            }

            foreach (var service in rule.Services)
            {
                var prevention = Preventions.For(rule.Check, service);
                if (prevention.DetectiveReason is { } reason)
                {
                    Note(reason, service);
                    continue;
                }

                var emitted = false;
                if (prevention.Gap is { } gap)
                {
                    Note(gap, service);
                }

                foreach (var pattern in prevention.Denies)
                {
                    var scopes = Scopes(rule, pattern, scheme, prevention.ScopedByClassification && pattern.Scopable);
                    if (scopes is null)
                    {
                        Note($"{(pattern.Scopable ? "its request carries" : $"`{string.Join("`, `", pattern.Actions)}` carr{(pattern.Actions.Length == 1 ? "ies" : "y")}")} no classification tag, so a level-scoped clause cannot be prevented", service);
                        if (prevention.ScopedByClassification)
                        {
                            continue;
                        }

                        break;
                    }

                    var waivers = WaiversOf(context.PolicySet, rule, pattern);
                    if (!waivers.IsEmpty && pattern.Resource != "*")
                    {
                        Note($"requests on the resources of {string.Join(", ", waivers.Select(w => $"`{w.Name}`"))} are denied too: its statement already names a resource, so it cannot exempt them", service);
                        waivers = [];
                    }

                    foreach (var (suffix, scopeCondition) in scopes)
                    {
                        var condition = With(Render(pattern.Tests), scopeCondition);
                        var name = SidNames.Pascal(rule.Requirement) + (pattern.Unscoped ? string.Empty : clause) + SidNames.Pascal(pattern.Purpose) + suffix;
                        if (waivers.IsEmpty)
                        {
                            drafts.Add(new Draft(name, service, pattern.Actions, [pattern.Resource], [], condition, rule));
                        }
                        else
                        {
                            // Everything but the waived resources; those again once their waiver has expired.
                            drafts.Add(new Draft(name, service, pattern.Actions, [], [.. waivers.SelectMany(w => w.Resources).Distinct().Order(StringComparer.Ordinal)], condition, rule));
                            foreach (var waiver in waivers)
                            {
                                var expired = condition.With("DateGreaterThanEquals", "aws:CurrentTime", ValueList.Of(WaiverEnd(waiver)));
                                drafts.Add(new Draft(name + "After" + SidNames.Pascal(waiver.Name), service, pattern.Actions, waiver.Resources, [], expired, rule));
                            }
                        }

                        emitted = true;
                    }
                }

                if (emitted && rule.Check is NamedKeyPredicate)
                {
                    Note("the SCP requires a customer-managed key; which key is checked by detection, since key ARNs are assigned at deployment", service);
                }
            }

            foreach (var (reason, services) in notes)
            {
                context.Diagnostics.Report(Descriptors.DetectiveOnly, context.Locate(rule.Origin), rule.Id, string.Join("`, `", services), reason);
            }
        }

        return Merge(drafts);
    }

    /// <summary>
    /// Statements that differ only in their actions become one (the same Deny for several services); the same
    /// unscoped Deny asked for by several clauses is kept once. Sids stay unique by adding the services where needed.
    /// </summary>
    private static ImmutableArray<ScpStatementSource> Merge(List<Draft> drafts)
    {
        var groups = drafts
            .GroupBy(d => (d.Name, Resource: string.Join('\n', d.Resource), NotResource: string.Join('\n', d.NotResource), d.Condition))
            .Select(g => g.ToList())
            .ToList();
        var nameCounts = groups.GroupBy(g => g[0].Name).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new List<ScpStatementSource>();
        var seenContent = new HashSet<PolicyStatement>();
        foreach (var group in groups)
        {
            var first = group[0];
            var services = group.Select(d => d.Service).Distinct().Order(StringComparer.Ordinal).ToList();
            var sid = nameCounts[first.Name] > 1 ? first.Name + SidNames.Pascal([.. services]) : first.Name;
            var statement = new PolicyStatement
            {
                Sid = sid,
                Effect = "Deny",
                Action = ValueList.Of(group.SelectMany(d => d.Actions).Distinct().Order(StringComparer.Ordinal)),
                Resource = first.Resource.IsEmpty ? null : ValueList.Of(first.Resource),
                NotResource = first.NotResource.IsEmpty ? null : ValueList.Of(first.NotResource),
                Condition = first.Condition.OrNull(),
            };
            if (seenContent.Add(statement with { Sid = "_" }))
            {
                result.Add(new ScpStatementSource(statement, first.Rule.Id, first.Rule.Origin));
            }
        }

        return [.. result.OrderBy(s => s.Statement.Sid, StringComparer.Ordinal)];
    }

    private sealed record Draft(string Name, string Service, ImmutableArray<string> Actions, ImmutableArray<string> Resource, ImmutableArray<string> NotResource, ConditionBlock Condition, CompiledRule Rule);

    /// <summary>
    /// The waivers of the clause's requirement that can name a resource of the pattern's actions: a waiver whose ARNs
    /// are of another service (an S3 bucket for an EBS control) never meets the pattern's requests.
    /// </summary>
    private static ImmutableArray<Waiver> WaiversOf(PolicySet policySet, CompiledRule rule, DenyPattern pattern)
    {
        var prefixes = pattern.Actions.Select(a => a[..a.IndexOf(':', StringComparison.Ordinal)]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. policySet.Waivers
            .Where(w => w.Requirement == rule.Requirement)
            .Select(w => w with { Resources = [.. w.Resources.Where(r => Reaches(r, prefixes))] })
            .Where(w => !w.Resources.IsEmpty)];
    }

    private static bool Reaches(string resourcePattern, HashSet<string> prefixes)
    {
        var parts = resourcePattern.Split(':');
        if (resourcePattern == "*" || parts.Length < 3)
        {
            return true;
        }

        return parts[2].AsSpan().IndexOfAny('*', '?') >= 0 || prefixes.Contains(parts[2]);
    }

    /// <summary>The first instant a waiver no longer applies: the start of the day after its expiry, UTC.</summary>
    private static string WaiverEnd(Waiver waiver) =>
        waiver.Expires.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    /// <summary>The IAM condition for the tests of a pattern.</summary>
    private static ConditionBlock Render(ImmutableArray<RequestTest> tests) =>
        tests.Aggregate(ConditionBlock.Empty, (block, test) => test.Kind switch
        {
            RequestTestKind.Bool => block.With("Bool", test.Key, ValueList.Of(test.Values)),
            RequestTestKind.Equals => block.With("StringEquals", test.Key, ValueList.Of(test.Values)),
            RequestTestKind.NotEquals => block.With("StringNotEquals", test.Key, ValueList.Of(test.Values)),
            RequestTestKind.Like => block.With("StringLike", test.Key, ValueList.Of(test.Values)),
            RequestTestKind.Absent => block.With("Null", test.Key, ValueList.Of("true")),
            RequestTestKind.Present => block.With("Null", test.Key, ValueList.Of("false")),
            RequestTestKind.GreaterThan => block.With("NumericGreaterThan", test.Key, ValueList.Of(test.Values)),
            _ => throw new ArgumentOutOfRangeException(nameof(tests), test.Kind, "unexpected request test"),
        });

    private static ConditionBlock With(ConditionBlock block, ConditionBlock more) =>
        more.Operators.Aggregate(block, (b, op) => op.Value.Aggregate(b, (inner, key) => inner.With(op.Key, key.Key, key.Value)));

    /// <summary>
    /// The classification conditions a statement needs: none for an unscoped clause; the clause's levels on the
    /// request tag, and a second variant for untagged requests when the default level is in scope. Null when the
    /// service's request has no classification to scope by.
    /// </summary>
    private static List<(string Suffix, ConditionBlock Condition)>? Scopes(CompiledRule rule, DenyPattern pattern, ClassificationScheme? scheme, bool scopable)
    {
        if (pattern.Unscoped || rule.Levels is null || scheme is null || rule.Levels.Levels.Length == scheme.Levels.Length)
        {
            return [(string.Empty, ConditionBlock.Empty)];
        }

        if (!scopable)
        {
            return null;
        }

        var key = $"aws:RequestTag/{scheme.TagKey}";
        var scopes = new List<(string, ConditionBlock)>
        {
            (string.Empty, ConditionBlock.Empty.With("StringEquals", key, ValueList.Of(rule.Levels.Levels))),
        };
        if (scheme.DefaultLevel is { } defaultLevel && rule.Levels.Levels.Contains(defaultLevel))
        {
            scopes.Add(("Untagged", ConditionBlock.Empty.With("Null", key, ValueList.Of("true"))));
        }

        // Fail closed: a classification value that is no level (a typo, another case) gets the control too.
        scopes.Add(("Unrecognised", ConditionBlock.Empty
            .With("StringNotEquals", key, ValueList.Of(scheme.Levels))
            .With("Null", key, ValueList.Of("false"))));
        return scopes;
    }
}
