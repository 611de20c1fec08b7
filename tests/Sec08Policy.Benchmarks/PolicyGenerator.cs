using System.Globalization;
using System.Text;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// Writes a deterministic, realistic single-file policy set: a header, one four-level classification scheme,
/// 20 customer-managed keys, and the requested number of rules, interleaved as requirements (3 in 10), allow and
/// deny rules (6 in 10) and waivers (1 in 10). Every name is unique and the result compiles without errors as long
/// as it is compiled with <see cref="Today"/> or an earlier date.
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
        Line("  description \"Synthetic data-at-rest policy for front-end benchmarks\"");
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
        var keyPolicy = _random.Next(20) == 0;
        var temporary = _random.Next(8) == 0;
        Line();
        Line($"allow {team}_{topic}_access_{index:D5} {{");
        Line($"  description \"The {team} team reaches its {topic} data up to its clearance\"");
        Line($"  actions {string.Join(", ", PickDistinct(s_actions, _random.Next(2, 7)))}");
        if (keyPolicy)
        {
            Line($"  principals \"arn:aws:iam::111122223333:role/{Pascal(team)}Responders\"");
            Line($"  keys {string.Join(", ", PickDistinct(_keys.ToArray(), _random.Next(1, 3)))}");
        }
        else
        {
            Line($"  resources {Quoted(PickDistinct(s_resourcePatterns, _random.Next(1, 3)).Select(p => string.Format(CultureInfo.InvariantCulture, p, team)))}");
        }

        WriteCondition("when", keyPolicy, _random.Next(2, 5));
        if (_random.Next(3) == 0)
        {
            WriteCondition("unless", keyPolicy, 1);
        }

        if (temporary || keyPolicy)
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

        Line($"deny cross_team_{topic}_{index:D5} {{");
        Line($"  description \"No principal touches another team's {topic} data above its clearance\"");
        Line($"  actions {string.Join(", ", PickDistinct(s_actions, _random.Next(1, 6)))}");
        WriteCondition("when", keyPolicy: false, _random.Next(1, 4));
        if (_random.Next(2) == 0)
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

    /// <summary>A condition of <paramref name="atoms"/> comparisons joined by and/or, with some `not` and grouping.</summary>
    private void WriteCondition(string keyword, bool keyPolicy, int atoms)
    {
        // Distinct kinds of comparison, so that no condition repeats itself.
        var kinds = keyPolicy ? PickDistinct(s_keyPolicyAtoms, atoms) : PickDistinct(s_allAtoms, atoms);
        var parts = new List<string>(kinds.Length);
        foreach (var kind in kinds)
        {
            var atom = Atom(kind);
            if (!atom.Contains(" not in ", StringComparison.Ordinal) && _random.Next(8) == 0)
            {
                atom = $"not ({atom})";
            }

            parts.Add(atom);
        }

        if (parts.Count >= 3 && _random.Next(3) == 0)
        {
            // Group the last two under an `or`: a and (b or c).
            var grouped = $"({parts[^2]} or {parts[^1]})";
            parts.RemoveRange(parts.Count - 2, 2);
            parts.Add(grouped);
        }

        Line($"  {keyword} {parts[0]}");
        for (var i = 1; i < parts.Count; i++)
        {
            Line($"      {(_random.Next(5) == 0 ? "or" : "and")} {parts[i]}");
        }
    }

    /// <summary>One comparison; kinds 5 and up read only principal and request tags, as key-policy grants must.</summary>
    private string Atom(int kind) =>
        kind switch
        {
            0 => "principal.tag.team == resource.tag.team",
            1 => $"principal.tag.clearance {Pick([">=", ">"])} resource.classification",
            2 => $"resource.classification {Pick(["<=", "<", "=="])} {Pick(s_levels)}",
            3 => $"resource.tag.team {Pick(["in", "not in"])} [{Quoted(PickDistinct(s_teams, _random.Next(1, 4)))}]",
            4 => $"resource.tag.\"cost:center\" == \"cc-{_random.Next(1000, 9999)}\"",
            5 => $"principal.tag.environment {Pick(["==", "!="])} \"{Pick(s_environments)}\"",
            6 => $"request.tag.DataClassification in [{string.Join(", ", PickDistinct(s_levels, _random.Next(1, 4)))}]",
            7 => $"principal.tag.clearance >= {Pick(s_levels)}",
            _ => $"principal.tag.employment == \"{Pick(["employee", "contractor"])}\"",
        };

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
