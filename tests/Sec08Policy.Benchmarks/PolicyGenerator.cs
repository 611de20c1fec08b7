using System.Globalization;
using System.Text;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// Writes a deterministic, realistic single-file policy set: a header, one four-level classification scheme,
/// 20 customer-managed keys, and the requested number of rules, interleaved as requirements (3 in 10), allow and
/// deny rules (6 in 10) and waivers (1 in 10). Every name is unique and the result compiles without errors as long
/// as it is compiled with <see cref="Today"/> or an earlier date. It also builds (lowers and emits) without errors:
/// conditions are drawn within AWS's limits (statements per managed policy, 6,144 characters per managed policy,
/// 32 KB per key policy, one equality test per tag key in a statement), and key-policy grants are spread over the keys.
/// </summary>
public sealed class PolicyGenerator
{
    /// <summary>The compilation date the generated dates are chosen against (every expiry is later).</summary>
    public static readonly DateOnly Today = new(2026, 1, 1);

    private static readonly string[] s_levels = ["public", "internal", "confidential", "restricted"];
    private static readonly string[] s_teams = ["payments", "analytics", "platform", "identity", "marketing"];

    /// <summary>Teams whose restricted key is usable via every data service (the others' restricted key is S3-only).</summary>
    private static readonly string[] s_multiServiceTeams = ["analytics", "platform", "marketing"];
    private static readonly string[] s_dataServices =
        ["s3", "ebs", "rds", "efs", "dynamodb", "sqs", "sns", "secretsmanager", "logs", "cloudtrail", "backup", "elasticache", "redshift", "opensearch", "kinesis", "lambda"];

    private static readonly string[] s_keyServices = ["s3", "ebs", "rds", "efs", "dynamodb", "sqs", "sns", "secretsmanager", "backup"];
    private static readonly string[] s_severities = ["critical", "high", "medium", "low", "info"];
    private static readonly string[] s_controls = ["SEC08-BP01", "SEC08-BP02", "SEC08-BP03", "SEC08-BP04"];
    private static readonly string[] s_clauseOperators = [">=", "==", ">", "<=", "!="];
    private static readonly string[] s_regions = ["eu-west-1", "eu-central-1", "eu-north-1", "us-east-1", "us-west-2", "ap-southeast-2"];
    private static readonly string[] s_tagKeys = ["DataClassification", "team", "data-owner", "cost-center", "project", "environment"];
    private static readonly string[] s_environments = ["prod", "staging", "dev", "sandbox"];
    private static readonly string[] s_topics = ["ledger", "orders", "customers", "telemetry", "audit", "billing", "reports", "sessions", "exports", "backups"];

    private static readonly (string Framework, string[] Controls)[] s_compliance =
    [
        ("pci_dss", ["3.4.1", "3.5.1", "3.6.1", "3.7.4", "7.2.1", "10.2.1"]),
        ("hipaa", ["164.312(a)(1)", "164.312(a)(2)(iv)", "164.312(b)", "164.312(e)(2)(ii)"]),
        ("gdpr", ["Art. 5", "Art. 25", "Art. 32", "Art. 44"]),
        ("sox", ["ITGC", "ITGC-AC-03", "ITGC-CM-01"]),
    ];

    private static readonly string[] s_actions =
    [
        "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetObjectVersion", "s3:PutObjectTagging",
        "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey",
        "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:CreateGrant",
        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem",
        "dynamodb:DeleteItem", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem",
        "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sns:Publish", "sns:Subscribe",
        "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:DescribeSecret",
        "rds:CreateDBSnapshot", "rds:CopyDBSnapshot", "rds:RestoreDBInstanceFromDBSnapshot",
        "ec2:CreateSnapshot", "ec2:CopySnapshot", "ec2:AttachVolume",
        "elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite",
        "logs:GetLogEvents", "logs:FilterLogEvents", "kinesis:PutRecord", "kinesis:GetRecords",
        "redshift:GetClusterCredentials", "es:ESHttpGet", "es:ESHttpPost", "lambda:InvokeFunction",
    ];

    private static readonly string[] s_createActions =
    [
        "rds:CreateDBInstance", "rds:CreateDBCluster", "dynamodb:CreateTable", "elasticfilesystem:CreateFileSystem",
        "ec2:CreateVolume", "sqs:CreateQueue", "sns:CreateTopic", "secretsmanager:CreateSecret", "kms:CreateKey",
        "kinesis:CreateStream", "logs:CreateLogGroup",
    ];

    private static readonly string[] s_resourcePatterns =
    [
        "arn:aws:s3:::acme-{0}-*/*", "arn:aws:dynamodb:*:111122223333:table/{0}-*", "arn:aws:sqs:*:111122223333:{0}-*",
        "arn:aws:secretsmanager:*:111122223333:secret:{0}/*", "arn:aws:kms:*:111122223333:key/*",
        "arn:aws:rds:eu-west-1:111122223333:db:{0}-*", "arn:aws:logs:*:111122223333:log-group:/acme/{0}/*",
    ];

    private static readonly int[] s_allAtoms = [.. Enumerable.Range(0, 9)];
    private static readonly int[] s_keyPolicyAtoms = [5, 6, 7, 8];

    private readonly Random _random;
    private readonly StringBuilder _out = new();
    private readonly List<string> _requirements = [];
    private readonly List<string> _keys = [];
    private readonly Dictionary<string, int> _keyLoad = new(StringComparer.Ordinal);

    private PolicyGenerator(int seed) => _random = new Random(seed);

    /// <summary>The text of a policy with <paramref name="rules"/> requirements, access rules and waivers.</summary>
    public static string Generate(int rules, int seed = 8)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rules);
        var generator = new PolicyGenerator(seed);
        generator.WriteAll(rules);
        return generator._out.ToString();
    }

    private void WriteAll(int rules)
    {
        Line($"// Generated benchmark policy: {rules} rules, seed-deterministic. Do not edit.");
        Line();
        Line("policy \"acme-generated-benchmark\" {");
        Line("  description \"Synthetic data-at-rest policy for front-end and build benchmarks\"");
        Line("  owner \"security-platform@acme.example\"");
        Line("}");
        Line();
        Line("classification DataClassification {");
        Line("  description \"Acme data classification standard DCS-3\"");
        Line("  tag \"DataClassification\"");
        Line("  levels public < internal < confidential < restricted");
        Line("  default internal // untagged data is internal");
        Line("}");

        foreach (var team in s_teams)
        {
            for (var level = 0; level < s_levels.Length; level++)
            {
                WriteKey(team, level);
            }
        }

        for (var i = 0; i < rules; i++)
        {
            if (i % 250 == 0)
            {
                Line();
                Line($"// ---- section {(i / 250) + 1} ----");
            }

            switch (i % 10)
            {
                case 0 or 4 or 7:
                    WriteRequirement(i);
                    break;
                case 9:
                    WriteWaiver(i);
                    break;
                case 2 or 6:
                    WriteDeny(i);
                    break;
                default:
                    WriteAllow(i);
                    break;
            }
        }
    }

    private void WriteKey(string team, int level)
    {
        var name = $"{team}_{s_levels[level]}";
        _keys.Add(name);
        var rotation = level switch { 3 => 90, 2 => 180, _ => 365 };
        var s3Only = level == 3 && !s_multiServiceTeams.Contains(team);
        Line();
        Line($"key {name} {{");
        Line($"  description \"CMK for {s_levels[level]} data of the {team} team\"");
        Line($"  alias \"alias/acme/{team}/{s_levels[level]}\"");
        Line($"  protects {s_levels[level]}");
        Line($"  rotation every {rotation} days");
        Line($"  deletion window {(level >= 2 ? 30 : 14)} days");
        Line($"  multi_region {(level == 0 ? "true" : "false")}");
        Line("  administrators \"arn:aws:iam::111122223333:role/KeyAdministrators\"");
        Line($"  users \"arn:aws:iam::111122223333:role/{Pascal(team)}DataPlatform\", \"arn:aws:iam::111122223333:role/AppRuntime\"");
        Line($"  usable via {(s3Only ? "s3" : string.Join(", ", s_keyServices))}");
        Line("  usable by accounts \"111122223333\"");
        if (s3Only)
        {
            Line("  encryption context \"aws:s3:arn\"");
        }

        Line("}");
    }

    private void WriteRequirement(int index)
    {
        var topic = Pick(s_topics);
        var forKms = _random.Next(20) == 0;
        var name = $"{(forKms ? "key_hygiene" : "protect")}_{topic}_{index:D5}";
        _requirements.Add(name);
        var services = forKms ? ["kms"] : PickDistinct(s_dataServices, _random.Next(1, 7));

        Line();
        Line($"require {name} for {string.Join(", ", services)} {{");
        Line($"  description \"{Pascal(topic)} stores ({string.Join(", ", services)}) meet the SEC08 baseline, batch {index}\"");
        var clauses = forKms ? KmsClauses() : DataClauses();
        foreach (var clause in clauses)
        {
            Line($"  {clause}");
        }

        if (!forKms && _random.Next(2) == 0)
        {
            Line("  enforce preventive");
        }
        else if (_random.Next(3) == 0)
        {
            Line("  enforce detective");
        }

        Line($"  severity {Pick(s_severities)}");
        Line($"  control {Pick(s_controls)}");
        var mappings = PickDistinct(s_compliance, _random.Next(1, 4)).Select(c => $"{c.Framework} \"{Pick(c.Controls)}\"");
        Line($"  compliance {string.Join(", ", mappings)}");
        if (_random.Next(3) == 0)
        {
            Line($"  remediation \"Apply the {topic} baseline module and re-run the data-store inventory\"");
        }

        Line("}");
    }

    private IEnumerable<string> KmsClauses()
    {
        yield return $"key rotation within {Pick([90, 180, 365])} days";
        yield return "tags \"DataClassification\", \"team\"";
        if (_random.Next(2) == 0)
        {
            yield return "classification >= confidential: regions \"eu-west-1\", \"eu-central-1\"";
        }
    }

    private List<string> DataClauses()
    {
        var count = _random.Next(2, 5);
        var clauses = new List<string>(count);
        var kinds = PickDistinct(Enumerable.Range(0, 7).ToArray(), count);
        foreach (var kind in kinds)
        {
            var level = _random.Next(s_levels.Length);
            var op = Pick(s_clauseOperators);
            clauses.Add(kind switch
            {
                0 => "encrypted",
                1 => $"classification {Pick([">=", "=="])} {s_levels[Math.Max(level, 1)]}: encrypted with customer_managed key",
                2 => $"classification == {s_levels[level]}: encrypted with key {Pick(level == 3 ? s_multiServiceTeams : s_teams)}_{s_levels[level]}",
                3 => $"classification {op} {s_levels[level]}: key rotation enabled",
                4 => $"classification >= {s_levels[Math.Max(level, 2)]}: key rotation within {Pick([90, 180, 365])} days",
                5 => $"classification == restricted: regions {Quoted(PickDistinct(s_regions, _random.Next(1, 3)))}",
                _ => $"tags {Quoted(PickDistinct(s_tagKeys, _random.Next(1, 4)))}",
            });
        }

        return clauses;
    }

    private void WriteAllow(int index)
    {
        var team = Pick(s_teams);
        var topic = Pick(s_topics);

        // Once every key policy is full (only with far more than 10,000 rules), grants go through IAM instead.
        var keyPolicy = _random.Next(20) == 0 && _keys.Any(k => _keyLoad.GetValueOrDefault(k, KeyPolicyBaseBytes) + MaxKeyGrantBytes <= KeyPolicyBudget);
        var temporary = keyPolicy || _random.Next(8) == 0;
        var actions = PickDistinct(s_actions, _random.Next(2, 7));
        string[] resources = keyPolicy
            ? []
            : [.. PickDistinct(s_resourcePatterns, _random.Next(1, 3)).Select(p => string.Format(CultureInfo.InvariantCulture, p, team))];
        Func<Condition, string[], bool> fits = keyPolicy
            ? KeyGrantFits
            : (c, a) => ManagedPolicyFits(c, a, resources, deny: false, temporary);

        // A managed policy trades actions for a larger condition; a key-policy grant keeps its actions (key policies fill up).
        var condition = DrawCondition(keyPolicy ? s_keyPolicyAtoms : s_allAtoms, _random.Next(2, 5), withUnless: _random.Next(3) == 0, c => fits(c, keyPolicy ? actions : actions[..2]));
        actions = FewerActions(actions, 2, a => fits(condition, a));

        Line();
        Line($"allow {team}_{topic}_access_{index:D5} {{");
        Line($"  description \"The {team} team reaches its {topic} data up to its clearance\"");
        Line($"  actions {string.Join(", ", actions)}");
        if (keyPolicy)
        {
            Line($"  principals \"arn:aws:iam::111122223333:role/{Pascal(team)}Responders\"");
            Line($"  keys {string.Join(", ", GrantKeys(_random.Next(1, 3), KeyGrantBytes(condition, actions)))}");
        }
        else
        {
            Line($"  resources {Quoted(resources)}");
        }

        WriteCondition(condition);
        if (temporary)
        {
            Line($"  until {FutureDate()}T23:59:59Z");
            Line($"  justification \"INC-{1000 + index} recovery of the {team} {topic} store\"");
        }

        Line("}");
    }

    private void WriteDeny(int index)
    {
        var topic = Pick(s_topics);
        Line();
        if (_random.Next(4) == 0)
        {
            Line($"deny unclassified_{topic}_creates_{index:D5} {{");
            Line($"  description \"{Pascal(topic)} stores are created only with a valid DataClassification tag\"");
            Line($"  actions {string.Join(", ", PickDistinct(s_createActions, _random.Next(2, 6)))}");
            Line("  when request.tag.DataClassification not in [public, internal, confidential, restricted]");
            Line("}");
            return;
        }

        var actions = PickDistinct(s_actions, _random.Next(1, 6));
        var steward = _random.Next(2) == 0;
        bool Fits(Condition c, string[] a) => ManagedPolicyFits(c, a, [], deny: true, temporary: false, extraEntries: steward ? 1 : 0);

        // One in five is the plain "above its clearance" deny: a fail-closed level comparison against
        // resource.classification expands to 13-15 statements, so it stands alone and keeps few actions.
        var condition = _random.Next(5) == 0
            ? new Condition([[ClearanceBelowClassification()]], [], null)
            : DrawCondition(s_allAtoms, _random.Next(1, 4), withUnless: false, c => Fits(c, actions[..1]));
        actions = FewerActions(actions, 1, a => Fits(condition, a));
        Line($"deny cross_team_{topic}_{index:D5} {{");
        Line($"  description \"No principal touches another team's {topic} data above its clearance\"");
        Line($"  actions {string.Join(", ", actions)}");
        WriteCondition(condition);
        if (steward)
        {
            Line("  unless principal.tag.role == \"data-steward\"");
        }

        Line("}");
    }

    private void WriteWaiver(int index)
    {
        var requirement = _requirements[_random.Next(_requirements.Count)];
        var team = Pick(s_teams);
        Line();
        Line($"waive {team}_legacy_{index:D5} {{");
        Line($"  resources \"arn:aws:s3:::acme-{team}-legacy-{index}-*\", \"arn:aws:s3:::acme-{team}-legacy-{index}-*/*\"");
        Line($"  requirement {requirement}");
        Line($"  reason \"Legacy {team} store keeps its current setup until migration DATA-{index} completes\"");
        Line($"  owner \"{team}-platform@acme.example\"");
        Line($"  expires {FutureDate()}");
        Line("}");
    }

    // ---- Conditions sized for AWS limits ----
    //
    // The compiler turns a condition into one IAM statement per disjunct of its disjunctive normal form: `or` adds
    // disjuncts, `and` multiplies them, and a level comparison expands into the levels it accepts (a tag against
    // resource.classification into one disjunct per classification level, more for the default level); deny rules
    // fail closed, which adds a disjunct for a missing or unknown level to every level atom. A rule fails to build
    // when it expands to more than 64 statements (SP3001), when its managed policy exceeds 6,144 non-white-space
    // characters (SP3002), when a key policy exceeds 32 KB (SP3003), or when one conjunction holds two different
    // equality tests on one tag key (SP3001). The generator estimates each condition's statements and size from an
    // upper bound per atom and draws again (deterministically) until the rule fits with a margin.

    /// <summary>Largest managed policy the generator aims for, in non-white-space characters (AWS limit 6,144).</summary>
    private const int ManagedPolicyBudget = 5_400;

    /// <summary>Largest key policy the generator aims for, in bytes of indented JSON (AWS limit 32,768).</summary>
    private const int KeyPolicyBudget = 27_000;

    /// <summary>Bytes of a key's own statements (account, administrators, users, grants) before any rule is granted.</summary>
    private const int KeyPolicyBaseBytes = 3_200;

    private const int MaxAllowStatements = 10;
    private const int MaxDenyStatements = 16;
    private const int MaxKeyGrantStatements = 3;
    private const int MaxKeyGrantBytes = 2_400;

    /// <summary>One comparison and an upper bound of the disjuncts it lowers to (either polarity).</summary>
    private sealed record ConditionAtom(int Kind, string Text, int AllowDisjuncts, int DenyDisjuncts, int Entries);

    /// <summary>`when` parts joined by `and`/`or` (Joins[i] joins Parts[i] to Parts[i + 1]); a part is one atom or an `or` of two.</summary>
    private sealed record Condition(List<ConditionAtom[]> Parts, List<string> Joins, ConditionAtom? Unless)
    {
        public IEnumerable<ConditionAtom> Atoms => Parts.SelectMany(p => p).Concat(Unless is null ? [] : [Unless]);

        /// <summary>Upper bound of the statements: a sum over the `or`-separated conjunctions of the product of their parts.</summary>
        public int Disjuncts(bool deny)
        {
            int Of(ConditionAtom atom) => deny ? atom.DenyDisjuncts : atom.AllowDisjuncts;
            var total = 0;
            var product = 1;
            for (var i = 0; i < Parts.Count; i++)
            {
                product *= Parts[i].Sum(Of);
                if (i == Parts.Count - 1 || Joins[i] == "or")
                {
                    total += product;
                    product = 1;
                }
            }

            return total * (Unless is null ? 1 : Of(Unless));
        }

        /// <summary>Condition entries in the largest conjunction (one statement's Condition element).</summary>
        public int Entries()
        {
            var largest = 0;
            var current = 0;
            for (var i = 0; i < Parts.Count; i++)
            {
                current += Parts[i].Max(a => a.Entries);
                if (i == Parts.Count - 1 || Joins[i] == "or")
                {
                    largest = Math.Max(largest, current);
                    current = 0;
                }
            }

            return largest + (Unless?.Entries ?? 0);
        }
    }

    /// <summary>Draws conditions of <paramref name="atoms"/> comparisons until one <paramref name="fits"/>, then falls back to fewer.</summary>
    private Condition DrawCondition(int[] kinds, int atoms, bool withUnless, Func<Condition, bool> fits)
    {
        for (var count = atoms; ; count = Math.Max(1, count - 1))
        {
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var condition = NewCondition(kinds, count, withUnless && count > 1);
                if (fits(condition))
                {
                    return condition;
                }
            }

            if (count == 1)
            {
                // Single cheap comparisons (kinds 5 and 8) always fit.
                return new Condition([[Atom(Pick([5, 8]))]], [], null);
            }
        }
    }

    /// <summary>
    /// A condition of distinct kinds of comparison (so it never repeats itself), with some `not` and a grouped `or`.
    /// `principal.tag.team == resource.tag.team` and `resource.tag.team in [...]` never meet in one rule: both test
    /// aws:ResourceTag/team for equality, which one IAM statement cannot write.
    /// </summary>
    private Condition NewCondition(int[] kinds, int atoms, bool withUnless)
    {
        var picked = PickDistinct(kinds, atoms + (withUnless ? 1 : 0)).ToList();
        if (picked.Contains(0) && picked.Contains(3))
        {
            picked.Remove(_random.Next(2) == 0 ? 0 : 3);
        }

        var unless = withUnless && picked.Count > 1 ? Atom(picked[^1]) : null;
        if (unless is not null)
        {
            picked.RemoveAt(picked.Count - 1);
        }

        var parts = new List<ConditionAtom[]>(picked.Count);
        foreach (var kind in picked)
        {
            var atom = Atom(kind);
            if (!atom.Text.Contains(" not in ", StringComparison.Ordinal) && _random.Next(8) == 0)
            {
                atom = atom with { Text = $"not ({atom.Text})" };
            }

            parts.Add([atom]);
        }

        if (parts.Count >= 3 && _random.Next(3) == 0)
        {
            // Group the last two under an `or`: a and (b or c).
            var grouped = new[] { parts[^2][0], parts[^1][0] };
            parts.RemoveRange(parts.Count - 2, 2);
            parts.Add(grouped);
        }

        var joins = Enumerable.Range(1, parts.Count - 1).Select(_ => _random.Next(5) == 0 ? "or" : "and").ToList();
        return new Condition(parts, joins, unless);
    }

    private void WriteCondition(Condition condition)
    {
        static string Text(ConditionAtom[] part) => part.Length == 1 ? part[0].Text : $"({string.Join(" or ", part.Select(a => a.Text))})";
        Line($"  when {Text(condition.Parts[0])}");
        for (var i = 1; i < condition.Parts.Count; i++)
        {
            Line($"      {condition.Joins[i - 1]} {Text(condition.Parts[i])}");
        }

        if (condition.Unless is { } unless)
        {
            Line($"  unless {unless.Text}");
        }
    }

    /// <summary>Whether the rule's managed policy stays within the statement and size budgets.</summary>
    private static bool ManagedPolicyFits(Condition condition, string[] actions, string[] resources, bool deny, bool temporary, int extraEntries = 0)
    {
        var statements = condition.Disjuncts(deny);
        if (statements > (deny ? MaxDenyStatements : MaxAllowStatements))
        {
            return false;
        }

        // Fail-closed level atoms add a Null test; `until` adds DateLessThan.
        var entries = condition.Entries() + extraEntries + (deny ? 1 : 0) + (temporary ? 1 : 0);
        var statement = 90 + ListLength(actions) + (resources.Length == 0 ? 3 : ListLength(resources)) + (60 * entries);
        return statements * statement <= ManagedPolicyBudget;
    }

    private static bool KeyGrantFits(Condition condition, string[] actions) =>
        condition.Disjuncts(deny: false) <= MaxKeyGrantStatements && KeyGrantBytes(condition, actions) <= MaxKeyGrantBytes;

    /// <summary>Bytes one key-policy grant adds (indented JSON, with the principal and the `until` test).</summary>
    private static int KeyGrantBytes(Condition condition, string[] actions) =>
        condition.Disjuncts(deny: false) * (260 + actions.Sum(a => a.Length + 10) + (110 * (condition.Entries() + 1)));

    /// <summary>Drops actions from the end (keeping at least <paramref name="minimum"/>) until the rule fits; a heavy condition trades actions.</summary>
    private static string[] FewerActions(string[] actions, int minimum, Func<string[], bool> fits)
    {
        while (actions.Length > minimum && !fits(actions))
        {
            actions = actions[..^1];
        }

        return actions;
    }

    private static int ListLength(string[] values) => values.Sum(v => v.Length + 3);

    /// <summary>The <paramref name="count"/> keys with the least granted so far (ties in random order), charged <paramref name="bytes"/> each.</summary>
    private List<string> GrantKeys(int count, int bytes)
    {
        var candidates = _keys.ToArray();
        _random.Shuffle(candidates);
        var chosen = candidates
            .Where(k => _keyLoad.GetValueOrDefault(k, KeyPolicyBaseBytes) + bytes <= KeyPolicyBudget)
            .OrderBy(k => _keyLoad.GetValueOrDefault(k, KeyPolicyBaseBytes))
            .Take(count)
            .ToList();
        if (chosen.Count == 0)
        {
            throw new InvalidOperationException("every key policy is full; give the generator more keys or fewer key-policy grants");
        }

        foreach (var key in chosen)
        {
            _keyLoad[key] = _keyLoad.GetValueOrDefault(key, KeyPolicyBaseBytes) + bytes;
        }

        return chosen;
    }

    private ConditionAtom ClearanceBelowClassification() =>
        Atom(1) with { Text = Pick(["principal.tag.clearance < resource.classification", "not (principal.tag.clearance >= resource.classification)"]) };

    /// <summary>
    /// One comparison with an upper bound of its disjuncts (allow, deny) and of its condition entries; kinds 5 and up
    /// read only principal and request tags, as key-policy grants must.
    /// </summary>
    private ConditionAtom Atom(int kind)
    {
        switch (kind)
        {
            case 0:
                return new(kind, "principal.tag.team == resource.tag.team", 1, 1, 1);
            case 1:
                return new(kind, $"principal.tag.clearance {Pick([">=", ">"])} resource.classification", 5, 15, 2);
            case 2:
                return new(kind, $"resource.classification {Pick(["<=", "<", "=="])} {Pick(s_levels)}", 2, 3, 1);
            case 3:
                return new(kind, $"resource.tag.team {Pick(["in", "not in"])} [{Quoted(PickDistinct(s_teams, _random.Next(1, 4)))}]", 1, 1, 1);
            case 4:
                return new(kind, $"resource.tag.\"cost:center\" == \"cc-{_random.Next(1000, 9999)}\"", 1, 1, 1);
            case 5:
                return new(kind, $"principal.tag.environment {Pick(["==", "!="])} \"{Pick(s_environments)}\"", 1, 1, 1);
            case 6:
                {
                    var levels = _random.Next(1, 4);
                    return new(kind, $"request.tag.DataClassification in [{string.Join(", ", PickDistinct(s_levels, levels))}]", levels, levels + 1, 1);
                }

            case 7:
                return new(kind, $"principal.tag.clearance >= {Pick(s_levels)}", 1, 2, 1);
            default:
                return new(kind, $"principal.tag.employment == \"{Pick(["employee", "contractor"])}\"", 1, 1, 1);
        }
    }

    private string FutureDate() =>
        Today.AddDays(_random.Next(365, 4 * 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private T[] PickDistinct<T>(T[] items, int count)
    {
        var copy = (T[])items.Clone();
        _random.Shuffle(copy);
        return copy[..Math.Min(count, copy.Length)];
    }

    private static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"\"{v}\""));

    private static string Pascal(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private void Line(string text = "") => _out.Append(text).Append('\n');
}
