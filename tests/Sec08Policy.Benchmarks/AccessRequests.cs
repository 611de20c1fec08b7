using Sec08Policy.Engine.Access;

namespace Sec08Policy.Benchmarks;

/// <summary>
/// Requests over the baseline policy, generated deterministically: the actions its rules, keys and preventive
/// requirements name, principals with and without the tags they compare (levels, other values, none), S3 objects and
/// DynamoDB tables tagged by team and classification, the declared keys by alias with and without the service,
/// caller account and encryption context they require, and create requests with and without encryption and tags.
/// </summary>
internal static class AccessRequests
{
    private const string Account = "111122223333";
    private const string Other = "444455556666";

    private static readonly string[] s_teams = ["payments", "analytics", "platform", "identity", "marketing"];
    private static readonly string[] s_levels = ["public", "internal", "confidential", "restricted", "top-secret"];
    private static readonly string[] s_dataActions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "sqs:SendMessage", "secretsmanager:GetSecretValue"];
    private static readonly string[] s_keyActions = ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt", "kms:DescribeKey", "kms:CreateGrant", "kms:ScheduleKeyDeletion", "kms:PutKeyPolicy"];
    private static readonly string[] s_keys = ["internal", "confidential", "restricted", "restricted-objects"];
    private static readonly string[] s_roles = ["Analyst", "DataPlatform", "AppRuntime", "RestrictedDataPlatform", "KeyAdministrators", "BreakGlass"];
    private static readonly string[] s_services = ["s3", "dynamodb", "ec2", "rds", "lambda"];

    public static AccessRequest[] Generate(int count, int seed = 20261128)
    {
        var random = new Random(seed);
        var now = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
        T Pick<T>(T[] items) => items[random.Next(items.Length)];
        Dictionary<string, string> Tags(params (string Key, string[] Values)[] keys)
        {
            var tags = new Dictionary<string, string>();
            foreach (var (key, values) in keys)
            {
                if (random.Next(6) > 0)
                {
                    tags[key] = Pick(values);
                }
            }

            return tags;
        }

        var requests = new AccessRequest[count];
        for (var i = 0; i < count; i++)
        {
            var account = random.Next(10) == 0 ? Other : Account;
            var principal = $"arn:aws:iam::{account}:role/{Pick(s_roles)}";
            var principalTags = Tags(("team", s_teams), ("clearance", s_levels), ("employment", ["employee", "contractor"]), ("role", ["data-steward", "engineer"]), ("oncall", ["true", "false"]));
            var context = new Dictionary<string, string>();
            string action, resource;
            var resourceTags = Tags(("team", s_teams), ("DataClassification", s_levels), ("quarantine", ["true", "false"]));
            switch (random.Next(4))
            {
                case 0 or 1:
                    action = Pick(s_dataActions);
                    resource = action.StartsWith("s3:", StringComparison.Ordinal)
                        ? $"arn:aws:s3:::acme-{Pick(s_teams)}/object-{random.Next(100)}"
                        : $"arn:aws:{action[..action.IndexOf(':', StringComparison.Ordinal)]}:eu-west-1:{Account}:table/t{random.Next(100)}";
                    break;
                case 2:
                    action = Pick(s_keyActions);
                    resource = $"arn:aws:kms:eu-west-1:{Account}:alias/acme/{Pick(s_keys)}";
                    if (random.Next(4) > 0)
                    {
                        context["kms:ViaService"] = $"{Pick(s_services)}.eu-west-1.amazonaws.com";
                    }

                    context["kms:CallerAccount"] = account;
                    if (random.Next(2) == 0)
                    {
                        context["kms:EncryptionContext:aws:s3:arn"] = "arn:aws:s3:::acme-restricted/o";
                    }

                    break;
                default:
                    (action, resource) = random.Next(3) switch
                    {
                        0 => ("ec2:CreateVolume", $"arn:aws:ec2:eu-west-1:{Account}:volume/*"),
                        1 => ("dynamodb:CreateTable", $"arn:aws:dynamodb:eu-west-1:{Account}:table/new"),
                        _ => ("s3:PutObject", $"arn:aws:s3:::acme-legacy-exports-{random.Next(3)}/f"),
                    };
                    context["ec2:Encrypted"] = random.Next(2) == 0 ? "true" : "false";
                    context["aws:RequestedRegion"] = random.Next(2) == 0 ? "eu-west-1" : "us-east-1";
                    if (random.Next(3) > 0)
                    {
                        context["aws:RequestTag/DataClassification"] = Pick(s_levels);
                    }

                    if (random.Next(3) > 0)
                    {
                        context["aws:RequestTag/team"] = Pick(s_teams);
                    }

                    if (random.Next(2) == 0)
                    {
                        context["s3:x-amz-server-side-encryption"] = random.Next(2) == 0 ? "AES256" : "aws:kms";
                    }

                    break;
            }

            requests[i] = new AccessRequest
            {
                Principal = principal,
                Action = action,
                Resource = resource,
                PrincipalTags = principalTags,
                ResourceTags = resourceTags,
                Context = context,
                S3BucketAbac = random.Next(4) > 0,
                Time = now,
            };
        }

        return requests;
    }
}
