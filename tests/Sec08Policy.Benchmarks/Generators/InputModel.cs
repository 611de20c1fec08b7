using System.Globalization;

namespace Sec08Policy.Benchmarks.Generators;

/// <summary>What a generated resource is.</summary>
internal enum Store
{
    Key,
    Alias,
    Bucket,
    Volume,
    Database,
    Table,
    Queue,
    Topic,
    Secret,
    FileSystem,
    LogGroup,
    Trail,
}

/// <summary>How a data store is encrypted at rest.</summary>
internal enum Protection
{
    /// <summary>The customer-managed tier key of its classification (compliant).</summary>
    TierKey,

    /// <summary>Another customer-managed key, a team key (customer managed, but not the named tier key).</summary>
    OtherKey,

    /// <summary>The service's AWS managed key (alias/aws/...).</summary>
    AwsManaged,

    /// <summary>The service's own default: SSE-S3, SSE-SQS, DynamoDB's AWS owned key, CloudWatch Logs and CloudTrail defaults.</summary>
    ServiceDefault,

    /// <summary>Not encrypted (EBS, RDS, EFS, SQS, SNS).</summary>
    Unencrypted,

    /// <summary>The input cannot say: a key imported from another stack or read from a data source, another account's key, or an EBS volume without a setting.</summary>
    Unknown,
}

/// <summary>How a template, plan or item names the key.</summary>
internal enum KeyStyle
{
    Arn,
    KeyId,
    AliasResource,
    AliasName,
}

/// <summary>A customer-managed KMS key of the generated account, with its one alias.</summary>
internal sealed class GeneratedKey
{
    public required string Name { get; init; }

    public required bool Tier { get; init; }

    public required string KeyId { get; init; }

    public required string AliasName { get; init; }

    public required bool Rotation { get; init; }

    public required int? PeriodDays { get; init; }

    public required string Classification { get; init; }

    public required string Team { get; init; }

    public string Arn => $"arn:aws:kms:{InputModel.HomeRegion}:{InputModel.Account}:key/{KeyId}";

    public string AliasArn => $"arn:aws:kms:{InputModel.HomeRegion}:{InputModel.Account}:{AliasName}";

    /// <summary>CloudFormation logical ID: <c>KeyInternal</c>, <c>KeyRestrictedObjects</c>, <c>Key0000208</c>.</summary>
    public string LogicalId => "Key" + Pascal;

    public string AliasLogicalId => "Alias" + Pascal;

    /// <summary>Terraform resource name, for <c>aws_kms_key</c> and <c>aws_kms_alias</c> alike.</summary>
    public string TerraformName => Tier ? "tier_" + Name.Replace('-', '_') : "team_" + Name;

    private string Pascal => Tier ? string.Concat(Name.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..])) : Name;
}

/// <summary>One generated resource; <see cref="Key"/> is the key it uses, or for a key or alias the key itself.</summary>
internal sealed record GeneratedResource(
    int Number,
    Store Store,
    string? Classification,
    string? Team,
    bool DataOwner,
    string Environment,
    string Region,
    Protection Protection,
    KeyStyle Style,
    GeneratedKey? Key)
{
    public string Suffix => Number.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>A stable pseudo-random number for this resource (IDs, sizes), so every format writes the same values.</summary>
    public ulong Hash(int salt = 0) => InputModel.Mix(((ulong)Number << 8) ^ (ulong)salt);

    public string Hex(int length, int salt = 0) => Hash(salt).ToString("x16", CultureInfo.InvariantCulture)[..length];

    /// <summary>The tags the resource carries: classification and team (as the baseline policy reads them) and a few more.</summary>
    public IEnumerable<(string Key, string Value)> Tags()
    {
        if (Classification is not null)
        {
            yield return ("DataClassification", Classification);
        }

        if (Team is not null)
        {
            yield return ("team", Team);
        }

        if (DataOwner)
        {
            yield return ("data-owner", $"{Team ?? "platform"}-data-lead@acme.example");
        }

        yield return ("environment", Environment);
        yield return ("cost-center", "cc-" + (1000 + (Number % 9000)).ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// The deterministic resource mix every generator writes (seeded <see cref="Random"/>): four tier keys with their
/// aliases first (<c>alias/acme/internal</c>, <c>confidential</c>, <c>restricted</c>, <c>restricted-objects</c>, as
/// the baseline policy names them), then one team key and its alias in every 200 resources, and data stores in
/// between. Classification, team, Region and encryption are drawn so that every rule of the baseline policy passes,
/// fails and cannot decide on some resources.
/// </summary>
internal static class InputModel
{
    public const string Account = "111122223333";
    public const string ForeignAccount = "999988887777";
    public const string HomeRegion = "eu-west-1";
    public const int KeyEvery = 200;
    public const int TierEntries = 8;

    public static readonly string[] Teams = ["payments", "analytics", "platform", "identity"];

    private static readonly (string Name, int Days)[] s_tiers = [("internal", 365), ("confidential", 180), ("restricted", 90), ("restricted-objects", 90)];

    private static readonly (Store Store, int Weight)[] s_stores =
    [
        (Store.Bucket, 24), (Store.Volume, 18), (Store.Database, 7), (Store.Table, 12), (Store.Queue, 10), (Store.Topic, 6),
        (Store.Secret, 8), (Store.FileSystem, 3), (Store.LogGroup, 4), (Store.Trail, 1),
    ];

    // null: untagged (the scheme's default, internal, applies); "secret": not a level, so the classification is unknown.
    private static readonly (string? Level, int Weight)[] s_levels =
        [("public", 10), ("internal", 42), ("confidential", 30), ("restricted", 12), (null, 4), ("secret", 2)];

    private static readonly (string? Team, int Weight)[] s_teams =
        [("payments", 24), ("analytics", 24), ("platform", 24), ("identity", 23), ("marketing", 3), (null, 2)];

    private static readonly (string Region, int Weight)[] s_regions = [("eu-west-1", 70), ("eu-central-1", 15), ("us-east-1", 10), ("ap-southeast-2", 5)];

    private static readonly (Protection Protection, int Weight)[] s_protections =
    [
        (Protection.TierKey, 55), (Protection.OtherKey, 10), (Protection.AwsManaged, 10), (Protection.ServiceDefault, 14),
        (Protection.Unencrypted, 8), (Protection.Unknown, 3),
    ];

    private static readonly (KeyStyle Style, int Weight)[] s_styles = [(KeyStyle.Arn, 45), (KeyStyle.KeyId, 35), (KeyStyle.AliasResource, 10), (KeyStyle.AliasName, 10)];

    private static readonly string[] s_environments = ["prod", "prod", "staging", "dev"];

    /// <summary>The resources, lazily; <paramref name="count"/> may be <see cref="int.MaxValue"/> for a writer that stops at a size.</summary>
    public static IEnumerable<GeneratedResource> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var tiers = s_tiers.Select(t => new GeneratedKey
        {
            Name = t.Name,
            Tier = true,
            KeyId = NewKeyId(random),
            AliasName = "alias/acme/" + t.Name,
            Rotation = true,
            PeriodDays = t.Days,
            Classification = t.Name.StartsWith("restricted", StringComparison.Ordinal) ? "restricted" : t.Name,
            Team = "platform",
        }).ToArray();
        var pool = new List<GeneratedKey>();
        GeneratedKey? last = null;
        for (var i = 0; i < count; i++)
        {
            if (i < TierEntries)
            {
                var tier = tiers[i / 2];
                yield return KeyEntry(i, i % 2 == 0 ? Store.Key : Store.Alias, tier);
                continue;
            }

            var slot = (i - TierEntries) % KeyEvery;
            if (slot == 0)
            {
                last = NewTeamKey(i, random);
                pool.Add(last);
                yield return KeyEntry(i, Store.Key, last);
            }
            else if (slot == 1)
            {
                yield return KeyEntry(i, Store.Alias, last!);
            }
            else
            {
                yield return DataStore(i, random, tiers, pool);
            }
        }
    }

    /// <summary>SplitMix64: a stable hash of a number.</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static GeneratedResource KeyEntry(int number, Store store, GeneratedKey key) =>
        new(number, store, key.Classification, key.Team, DataOwner: false, "prod", HomeRegion, Protection.ServiceDefault, KeyStyle.Arn, key);

    private static GeneratedKey NewTeamKey(int number, Random random)
    {
        var team = Teams[random.Next(Teams.Length)];
        var draw = random.Next(100);
        var name = number.ToString("D7", CultureInfo.InvariantCulture);
        return new GeneratedKey
        {
            Name = name,
            Tier = false,
            KeyId = NewKeyId(random),
            AliasName = $"alias/acme/{team}-{name}",

            // 70 % yearly rotation, 5 % every 180 days, 10 % every two years (too slow), 15 % none.
            Rotation = draw < 85,
            PeriodDays = draw < 70 ? 365 : draw < 75 ? 180 : draw < 85 ? 730 : null,
            Classification = random.Next(2) == 0 ? "internal" : "confidential",
            Team = team,
        };
    }

    private static GeneratedResource DataStore(int number, Random random, GeneratedKey[] tiers, List<GeneratedKey> pool)
    {
        var store = Pick(random, s_stores);
        var level = Pick(random, s_levels);
        var team = Pick(random, s_teams);
        var owner = random.Next(100) < 75;
        var environment = s_environments[random.Next(s_environments.Length)];
        var region = Pick(random, s_regions);
        var protection = Allowed(store, Pick(random, s_protections));
        var style = Pick(random, s_styles);
        var key = protection switch
        {
            Protection.TierKey => TierFor(store, level, tiers),
            Protection.OtherKey => pool.Count > 0 ? pool[random.Next(pool.Count)] : tiers[0],
            _ => null,
        };
        return new GeneratedResource(number, store, level, team, owner, environment, region, protection, style, key);
    }

    /// <summary>What each service can do: S3 and DynamoDB are always encrypted, Secrets Manager always with KMS, logs never with an AWS managed key.</summary>
    private static Protection Allowed(Store store, Protection protection) => (store, protection) switch
    {
        (Store.Bucket or Store.Table, Protection.Unencrypted) => Protection.ServiceDefault,
        (Store.Volume or Store.Database or Store.FileSystem, Protection.ServiceDefault) => Protection.AwsManaged,
        (Store.Secret, Protection.Unencrypted or Protection.ServiceDefault) => Protection.AwsManaged,
        (Store.Topic, Protection.ServiceDefault) => Protection.Unencrypted,
        (Store.LogGroup or Store.Trail, Protection.AwsManaged or Protection.Unencrypted) => Protection.ServiceDefault,
        _ => protection,
    };

    private static GeneratedKey TierFor(Store store, string? level, GeneratedKey[] tiers) => level switch
    {
        "restricted" => store == Store.Bucket ? tiers[3] : tiers[2],
        "confidential" => tiers[1],
        _ => tiers[0],
    };

    private static string NewKeyId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString("D");
    }

    private static T Pick<T>(Random random, (T Value, int Weight)[] choices)
    {
        var total = 0;
        foreach (var choice in choices)
        {
            total += choice.Weight;
        }

        var draw = random.Next(total);
        foreach (var (value, weight) in choices)
        {
            if (draw < weight)
            {
                return value;
            }

            draw -= weight;
        }

        throw new InvalidOperationException("unreachable");
    }
}
