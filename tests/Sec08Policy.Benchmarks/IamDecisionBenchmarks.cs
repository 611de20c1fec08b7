using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Sec08Policy.Engine.Iam;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// The IAM decision engine on one core over the documents <c>build</c> writes for the baseline: its IAM policies
/// attached to the requester, its SCP under <c>FullAWSAccess</c> at two levels, and for KMS requests the key's key
/// policy. 100,000 generated requests (principals, tags, classifications, context keys and bucket ABAC varied around
/// the rules' boundaries) are decided per invocation; <see cref="Decide"/> reuses requests whose context was built in
/// setup, <see cref="BuildAndDecide"/> builds each request and its context as part of the work.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SingleCoreConfig))]
public class IamDecisionBenchmarks
{
    public const int RequestCount = 100_000;

    private static readonly string[] s_levels = ["public", "internal", "confidential", "restricted"];
    private static readonly string[] s_teams = ["payments", "analytics", "web"];
    private static readonly string[] s_keys = ["confidential_data", "internal_data", "restricted_data", "restricted_objects"];

    private (IamPolicySet Set, IamRequest Request)[] _requests = [];
    private (IamPolicySet Set, RequestSpec Spec)[] _specs = [];

    [GlobalSetup]
    public void Setup()
    {
        var emitted = BaselinePolicy.Compile().Emit();
        if (!emitted.Success)
        {
            throw new InvalidOperationException("the baseline policy set does not build");
        }

        IamPolicyDocument Parse(string path, IamPolicyKind kind)
        {
            var artifact = emitted.Artifacts.Single(a => a.Path == path);
            var result = IamPolicyDocument.Parse(artifact.Content, kind, path);
            return result.Document ?? throw new InvalidOperationException($"{path}: {result.Problems[0]}");
        }

        var identity = emitted.Artifacts.Where(a => a.Path.StartsWith("iam/", StringComparison.Ordinal)).Select(a => Parse(a.Path, IamPolicyKind.Identity)).ToImmutableArray();
        var scps = emitted.Artifacts.Where(a => a.Path.StartsWith("scp/", StringComparison.Ordinal)).Select(a => Parse(a.Path, IamPolicyKind.ServiceControl));
        ImmutableArray<IamPolicyLevel> levels =
        [
            new("root", [IamPolicyDocument.FullAwsAccess]),
            new("account", [IamPolicyDocument.FullAwsAccess, .. scps]),
        ];
        var withoutKey = new IamPolicySet { IdentityPolicies = identity, ServiceControlPolicies = levels };
        var withKey = s_keys.ToDictionary(k => k, k => new IamPolicySet { IdentityPolicies = identity, ServiceControlPolicies = levels, ResourcePolicy = Parse($"kms/{k}.json", IamPolicyKind.KeyPolicy) });

        var random = new Random(20261128);
        _specs = new (IamPolicySet, RequestSpec)[RequestCount];
        for (var i = 0; i < RequestCount; i++)
        {
            var spec = RequestSpec.Generate(random);
            _specs[i] = (spec.Key is { } key ? withKey[key] : withoutKey, spec);
        }

        _requests = [.. _specs.Select(s => (s.Set, s.Spec.ToRequest()))];
        var outcomes = _requests.Select(r => r.Set.Decide(r.Request).Outcome).GroupBy(o => o).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        Console.WriteLine($"// {RequestCount} requests over {identity.Length} IAM policies, {levels.Length} SCP levels, {s_keys.Length} key policies: {string.Join(", ", outcomes)}");
    }

    [Benchmark(OperationsPerInvoke = RequestCount)]
    public int Decide()
    {
        var allowed = 0;
        foreach (var (set, request) in _requests)
        {
            allowed += set.Decide(request).IsAllowed ? 1 : 0;
        }

        return allowed;
    }

    [Benchmark(OperationsPerInvoke = RequestCount)]
    public int BuildAndDecide()
    {
        var allowed = 0;
        foreach (var (set, spec) in _specs)
        {
            allowed += set.Decide(spec.ToRequest()).IsAllowed ? 1 : 0;
        }

        return allowed;
    }

    /// <summary>Setup, then each benchmark five times with a stopwatch: a quick figure while working, not the recorded one.</summary>
    public static int Quick()
    {
        var benchmarks = new IamDecisionBenchmarks();
        benchmarks.Setup();
        foreach (var (name, run) in new (string, Func<int>)[] { ("Decide", benchmarks.Decide), ("BuildAndDecide", benchmarks.BuildAndDecide) })
        {
            for (var i = 0; i < 5; i++)
            {
                // CPU time as well as wall time: on a shared machine the process's own CPU time is the steadier figure.
                var process = System.Diagnostics.Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var allowed = run();
                var seconds = clock.Elapsed.TotalSeconds;
                process.Refresh();
                var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
                Console.WriteLine($"{name}: {RequestCount / seconds:N0} decisions/s wall ({seconds * 1000:F0} ms), {RequestCount / cpuSeconds:N0} per CPU second ({cpuSeconds * 1000:F0} ms), {allowed} allowed");
            }
        }

        return 0;
    }

    /// <summary>A generated request, kept as its parts so that <see cref="BuildAndDecide"/> can build it anew.</summary>
    private sealed record RequestSpec(
        IamPrincipal Principal,
        string Action,
        string Resource,
        string? Key,
        ImmutableDictionary<string, string> PrincipalTags,
        ImmutableDictionary<string, string> ResourceTags,
        ImmutableDictionary<string, string> RequestTags,
        ImmutableDictionary<string, ImmutableArray<string>> Context,
        bool Abac)
    {
        private static readonly DateTimeOffset s_time = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

        private static readonly IamPrincipal[] s_principals =
        [
            IamPrincipal.Parse("arn:aws:iam::111122223333:role/DataPlatform"),
            IamPrincipal.Parse("arn:aws:iam::111122223333:role/Analyst"),
            IamPrincipal.Parse("arn:aws:sts::111122223333:assumed-role/Analyst/session-1"),
            IamPrincipal.Parse("arn:aws:iam::111122223333:role/KeyAdministrators"),
            IamPrincipal.Parse("arn:aws:iam::111122223333:role/BreakGlass"),
            IamPrincipal.Parse("arn:aws:iam::111122223333:user/alice"),
            IamPrincipal.Parse("arn:aws:iam::444455556666:role/Partner"),
        ];

        private static readonly (string Action, string Service)[] s_actions =
        [
            ("s3:GetObject", "s3"), ("s3:PutObject", "s3"), ("s3:DeleteObject", "s3"), ("s3:CreateBucket", "s3-bucket"),
            ("dynamodb:GetItem", "dynamodb"), ("dynamodb:PutItem", "dynamodb"), ("dynamodb:Query", "dynamodb"), ("dynamodb:CreateTable", "dynamodb"),
            ("sqs:SendMessage", "sqs"), ("sqs:ReceiveMessage", "sqs"), ("secretsmanager:GetSecretValue", "secretsmanager"),
            ("kms:Decrypt", "kms"), ("kms:GenerateDataKey", "kms"), ("kms:DescribeKey", "kms"), ("kms:ScheduleKeyDeletion", "kms"), ("kms:CreateGrant", "kms"),
            ("ec2:CreateVolume", "ec2"), ("rds:CreateDBInstance", "rds"),
        ];

        public static RequestSpec Generate(Random random)
        {
            T Pick<T>(T[] items) => items[random.Next(items.Length)];
            string? Maybe(string[] values, string odd) => random.Next(10) switch { 0 => null, 1 => odd, _ => Pick(values) };
            ImmutableDictionary<string, string> Tags(params (string Key, string? Value)[] tags) =>
                tags.Where(t => t.Value is not null).ToImmutableDictionary(t => t.Key, t => t.Value!, StringComparer.Ordinal);

            var (action, service) = Pick(s_actions);
            var key = service == "kms" ? Pick(s_keys) : null;
            var resource = service switch
            {
                "s3" => $"arn:aws:s3:::acme-{Pick(s_teams)}-data/reports/{random.Next(1000)}.csv",
                "s3-bucket" => $"arn:aws:s3:::acme-new-{random.Next(1000)}",
                "dynamodb" => $"arn:aws:dynamodb:eu-west-1:111122223333:table/{Pick(s_teams)}-orders",
                "sqs" => $"arn:aws:sqs:eu-west-1:111122223333:{Pick(s_teams)}-events",
                "secretsmanager" => $"arn:aws:secretsmanager:eu-west-1:111122223333:secret:{Pick(s_teams)}-db-AbCdEf",
                "kms" => $"arn:aws:kms:eu-west-1:111122223333:key/{key}",
                _ => "*",
            };
            var context = ImmutableDictionary<string, ImmutableArray<string>>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);
            if (service == "kms" && random.Next(3) > 0)
            {
                context = context.Add("kms:ViaService", [Pick(new[] { "s3", "ec2", "rds", "lambda", "dynamodb" }) + ".eu-west-1.amazonaws.com"]);
            }

            if (action == "kms:CreateGrant")
            {
                context = context.Add("kms:GrantIsForAWSResource", [random.Next(2) == 0 ? "true" : "false"]);
            }

            if (action == "s3:PutObject" && random.Next(3) > 0)
            {
                context = context.Add("s3:x-amz-server-side-encryption", [Pick(new[] { "aws:kms", "AES256", "aws:kms:dsse" })]);
            }

            if (service == "ec2")
            {
                context = context.Add("ec2:Encrypted", [random.Next(2) == 0 ? "true" : "false"]);
            }

            var creates = action.Contains("Create", StringComparison.Ordinal) && service != "kms";
            return new RequestSpec(
                Pick(s_principals),
                action,
                resource,
                key,
                Tags(("team", Maybe(s_teams, "Payments")), ("clearance", Maybe(s_levels, "top")), ("employment", Maybe(["employee"], "contractor"))),
                Tags(("team", Maybe(s_teams, "Web")), ("DataClassification", Maybe(s_levels, "secret")), ("quarantine", random.Next(20) == 0 ? "true" : null)),
                creates ? Tags(("DataClassification", Maybe(s_levels, "secret")), ("team", Maybe(s_teams, "x"))) : ImmutableDictionary<string, string>.Empty,
                context,
                random.Next(2) == 0);
        }

        public IamRequest ToRequest() => new()
        {
            Principal = Principal,
            Action = Action,
            Resource = Resource,
            PrincipalTags = PrincipalTags,
            ResourceTags = ResourceTags,
            RequestTags = RequestTags,
            Context = Context,
            Time = s_time,
            Region = "eu-west-1",
            S3BucketAbac = Abac,
        };
    }
}
