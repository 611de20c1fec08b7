using System.Collections.Immutable;
using Sec08Policy.Engine.Access;
using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Predicates;
using Sec08Policy.Engine.Prevention;

namespace Sec08Policy.Engine.Verification;

/// <summary>
/// The request classes at the decision boundary of every access rule, key and preventive requirement of a policy:
/// each tag missing, equal, different or a value that is no level; every level; each listed action and a near miss;
/// principals that are administrators, users, the account, another account; with and without each condition key the
/// compiled documents test (encryption headers, <c>ec2:Encrypted</c>, <c>kms:ViaService</c> for each service and an
/// unlisted one, <c>kms:CallerAccount</c>, each encryption-context key, request tags, <c>aws:RequestedRegion</c>);
/// S3 bucket ABAC on and off; before and after an <c>until</c> and a waiver's expiry; and each perimeter's classes
/// (<see cref="ForPerimeter"/>).
/// </summary>
public sealed partial class BoundaryRequests(PolicySet policy, DateTimeOffset now)
{
    private const string OtherAccount = "444455556666";
    private static readonly string[] s_booleans = ["true", "false"];
    private const string Region = "eu-west-1";
    private readonly string _account = policy.Account ?? policy.Keys.Select(k => k.Account).FirstOrDefault(a => a is not null) ?? "111122223333";
    private readonly ConditionProbes _probes = new(policy.Classification);

    public IEnumerable<AccessRequest> All() =>
        policy.AccessRules.Where(r => r.Keys.IsEmpty).SelectMany(ForRule)
            .Concat(policy.Keys.Where(k => k.Alias is not null && k.Account is not null).SelectMany(ForKey))
            .Concat(policy.Rules.Where(r => r.Preventive).SelectMany(ForRequirement))
            .Select(WithinPerimeters)
            .Concat(policy.Perimeters.SelectMany(ForPerimeter));

    private IEnumerable<string> Principals(IEnumerable<string> named) =>
        new[] { $"arn:aws:iam::{_account}:role/Verifier", $"arn:aws:iam::{_account}:root", $"arn:aws:iam::{OtherAccount}:role/Verifier" }
            .Concat(named.Select(p => p.Length == 12 && p.All(char.IsAsciiDigit) ? $"arn:aws:iam::{p}:role/Verifier" : p.Replace("*", "verifier", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal);

    private IEnumerable<DateTimeOffset> Times(DateTimeOffset? notAfter) =>
        notAfter is { } end ? [end.AddHours(-1), end.AddHours(1)] : [now];

    private IEnumerable<AccessRequest> ForRule(AccessRule rule)
    {
        var actions = rule.Actions.Where(a => !a.Contains('*', StringComparison.Ordinal)).Concat(NearMisses(rule.Actions)).ToList();
        foreach (var assignment in _probes.Assignments(rule.Condition))
        {
            foreach (var action in actions)
            {
                foreach (var resource in Resources(action, rule.Resources))
                {
                    foreach (var principal in Principals(rule.Principals))
                    {
                        foreach (var time in Times(rule.NotAfter))
                        {
                            foreach (var abac in ArnParts.IsS3(resource) ? new[] { true, false } : [true])
                            {
                                yield return Request(principal, action, resource, assignment, [], abac, time);
                            }
                        }
                    }
                }
            }
        }
    }

    private IEnumerable<AccessRequest> ForKey(KeySpec key)
    {
        var resource = $"arn:aws:kms:{Region}:{key.Account}:{key.Alias}";
        var granted = policy.AccessRules.Where(r => r.Keys.Contains(key.Name)).ToList();
        // Every kind of key's operations, so that a key is also asked for what its spec does not allow.
        var actions = KeyActions.Administration.Concat(KeyActions.EveryCryptographic).Concat(KeyActions.PersistentResourceGrants)
            .Concat(granted.SelectMany(r => r.Actions)).Append("kms:DescribeKey").Append("kms:PutKeyPolicy")
            .Select(a => a.Replace("*", string.Empty, StringComparison.Ordinal)).Where(a => IamActionCatalog.Default.FindAction(a) is not null)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        List<string?> via = [.. key.ViaServices.Select(s => ResourceCatalog.Default.FindService(s)?.IamPrefix).OfType<string>()
            .Select(p => $"{p}.{Region}.amazonaws.com").Distinct(), $"sts.{Region}.amazonaws.com", null];
        var callers = new[] { key.Account, OtherAccount, null };
        var contexts = key.EncryptionContextKeys.IsEmpty ? [true] : new[] { true, false };
        var principals = Principals(key.Administrators.Concat(key.Users).Concat(key.CallerAccounts).Concat(granted.SelectMany(r => r.Principals))).ToList();
        var assignments = granted.SelectMany(r => _probes.Assignments(r.Condition)).DefaultIfEmpty(ImmutableDictionary<Probe, string?>.Empty).ToList();
        var times = granted.SelectMany(r => Times(r.NotAfter)).DefaultIfEmpty(now).Distinct().ToList();
        foreach (var principal in principals)
        {
            foreach (var action in actions)
            {
                var crypto = KeyActions.ViaServiceRestrictedOf(key.Spec).Any(a => WildcardPattern.IsMatch(a, action, ignoreCase: true));
                foreach (var service in crypto ? via : [via[0]])
                {
                    foreach (var caller in crypto ? callers : [key.Account])
                    {
                        foreach (var withContext in crypto ? contexts : [true])
                        {
                            foreach (var forResource in action == "kms:CreateGrant" ? new[] { true, false } : [false])
                            {
                                var context = new List<KeyValuePair<string, string>>();
                                if (service is not null)
                                {
                                    context.Add(KeyValuePair.Create("kms:ViaService", service));
                                }

                                if (caller is not null)
                                {
                                    context.Add(KeyValuePair.Create("kms:CallerAccount", caller));
                                }

                                if (withContext)
                                {
                                    context.AddRange(key.EncryptionContextKeys.Select(k => KeyValuePair.Create(KeyActions.EncryptionContextConditionKey(k), "value")));
                                }

                                if (forResource)
                                {
                                    context.Add(KeyValuePair.Create("kms:GrantIsForAWSResource", "true"));
                                }

                                foreach (var assignment in assignments)
                                {
                                    foreach (var time in times)
                                    {
                                        yield return Request(principal, action, resource, assignment, context, abac: true, time);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private IEnumerable<AccessRequest> ForRequirement(CompiledRule rule)
    {
        var waivers = policy.Waivers.Where(w => w.Requirement == rule.Requirement).ToList();
        var classes = policy.Classification is { } scheme
            ? scheme.Levels.Select(l => (string?)l).Append("not-a-level").Append(null).ToList()
            : [null];
        var times = waivers.Select(w => new DateTimeOffset(w.Expires.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)).SelectMany(t => new[] { t, t.AddDays(2) }).DefaultIfEmpty(now).Distinct().ToList();
        foreach (var service in rule.Services)
        {
            foreach (var pattern in Preventions.For(rule.Check, service).Denies)
            {
                var keys = pattern.Tests.Select(t => t.Key).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                foreach (var action in pattern.Actions.Concat(NearMisses(pattern.Actions).Take(1)))
                {
                    var resources = Resources(action, pattern.Resource == "*" ? [] : [pattern.Resource])
                        .Concat(waivers.SelectMany(w => w.Resources).Select(Instance))
                        .Distinct(StringComparer.Ordinal).ToList();
                    foreach (var values in Values(pattern.Tests, keys))
                    {
                        foreach (var level in classes)
                        {
                            var context = values.Where(v => v.Value is not null).Select(v => KeyValuePair.Create(v.Key, v.Value!)).ToList();
                            if (level is not null && policy.Classification is { } s)
                            {
                                context.Add(KeyValuePair.Create("aws:RequestTag/" + s.TagKey, level));
                            }

                            foreach (var resource in resources)
                            {
                                foreach (var time in times)
                                {
                                    yield return Request($"arn:aws:iam::{_account}:role/Verifier", action, resource, ImmutableDictionary<Probe, string?>.Empty, context, abac: true, time);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Every combination of each tested key missing, at each value the test names, and at another value.</summary>
    private static IEnumerable<List<KeyValuePair<string, string?>>> Values(ImmutableArray<RequestTest> tests, List<string> keys)
    {
        IEnumerable<List<KeyValuePair<string, string?>>> combinations = [[]];
        foreach (var key in keys)
        {
            var candidates = tests.Where(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase))
                .SelectMany(t => t.Kind switch
                {
                    RequestTestKind.Bool => s_booleans,
                    RequestTestKind.GreaterThan => [t.Values[0], (int.Parse(t.Values[0], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)],
                    RequestTestKind.Like => [.. t.Values.Select(v => v.Replace("*", "x", StringComparison.Ordinal))],
                    _ => [.. t.Values],
                })
                .Append("other-value").Append(null).Distinct().ToList();
            combinations = combinations.SelectMany(c => candidates.Select(v => (List<KeyValuePair<string, string?>>)[.. c, KeyValuePair.Create(key, v)])).ToList();
        }

        return combinations;
    }

    /// <summary>An action of the same service that the list does not name.</summary>
    private static IEnumerable<string> NearMisses(IEnumerable<string> actions)
    {
        var listed = actions.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var prefix in listed.Select(a => a.Split(':')[0]).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var miss = IamActionCatalog.Default.FindService(prefix)?.Actions.Select(a => a.FullName)
                .Where(a => !listed.Any(l => WildcardPattern.IsMatch(l, a, ignoreCase: true)))
                .Order(StringComparer.Ordinal).FirstOrDefault();
            if (miss is not null)
            {
                yield return miss;
            }
        }
    }

    /// <summary>A resource of the action: each of the rule's resources made concrete, or one of the action's resource types.</summary>
    private IEnumerable<string> Resources(string action, IEnumerable<string> patterns)
    {
        var given = patterns.Where(p => p != "*").ToList();
        if (given.Count > 0)
        {
            return given.Select(Instance);
        }

        // The plainest of the action's resource types (a bucket's object rather than an access point's).
        var type = IamActionCatalog.Default.FindAction(action)?.ResourceTypes
            .Select(t => t.Type).MinBy(t => t.ArnPattern.Split("${").Length);
        if (type is null)
        {
            return ["*"];
        }

        return [type.Fill(name => name switch { "Partition" => "aws", "Region" => Region, "Account" => _account, _ => "verifier" })];
    }

    /// <summary>
    /// A resource an ARN pattern matches: a wildcard Region or account becomes the verifier's own (an account that is
    /// no account would be decided as another's), any other wildcard a name.
    /// </summary>
    private string Instance(string pattern)
    {
        var parts = pattern.Split(':', 6);
        if (parts.Length == 6)
        {
            parts[3] = parts[3] == "*" ? Region : parts[3];
            parts[4] = parts[4] == "*" ? _account : parts[4];
            pattern = string.Join(':', parts);
        }

        return pattern.Replace("*", "verifier", StringComparison.Ordinal).Replace("?", "v", StringComparison.Ordinal);
    }

    private static AccessRequest Request(string principal, string action, string resource, ImmutableDictionary<Probe, string?> assignment, IEnumerable<KeyValuePair<string, string>> context, bool abac, DateTimeOffset time)
    {
        Dictionary<string, string> Tags(AttributeScope scope, string prefix) => assignment
            .Where(a => a.Key.Scope == scope && a.Value is not null)
            .ToDictionary(a => prefix + a.Key.Key, a => a.Value!, StringComparer.OrdinalIgnoreCase);
        var all = Tags(AttributeScope.Request, "aws:RequestTag/");
        foreach (var (key, value) in context)
        {
            all[key] = value;
        }

        return new AccessRequest
        {
            Principal = principal,
            PrincipalTags = Tags(AttributeScope.Principal, string.Empty),
            Action = action,
            Resource = resource,
            ResourceTags = Tags(AttributeScope.Resource, string.Empty),
            Context = all,
            S3BucketAbac = abac,
            Time = time,
        };
    }
}
