using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using static Sec08Policy.Benchmarks.Generators.Doc;

namespace Sec08Policy.Benchmarks.Generators;

/// <summary>
/// Writes a CloudFormation template in the shape of <c>tests/.../equivalence/template.yaml</c>: parameters, an
/// <c>IsProd</c> condition, keys with key policies and aliases, and data stores naming their keys with
/// <c>!GetAtt Key.Arn</c>, <c>!Ref Key</c>, <c>!Ref Alias</c> or the alias name; YAML uses the short forms, JSON the long ones.
/// </summary>
internal static class CloudFormationGenerator
{
    public static void WriteYaml(Stream stream, IEnumerable<GeneratedResource> resources, int count, int seed)
    {
        using var yaml = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        yaml.Write($"""
            AWSTemplateFormatVersion: "2010-09-09"
            Description: >-
              sec08 benchmark template: {count} generated resources (seed {seed}), keys, aliases and data stores.

            Parameters:
              Environment:
                Type: String
                Default: prod
                AllowedValues: [dev, prod]
                Description: Deployment stage. prod keeps removed KMS keys for 30 days and database backups for 35 days.
              DbSubnetGroupName:
                Type: String
                Description: Name of an existing DB subnet group in the data VPC (no default on purpose).

            Conditions:
              IsProd: !Equals [!Ref Environment, prod]

            Resources:

            """);
        foreach (var resource in resources)
        {
            var (id, body) = Resource(resource);
            yaml.Write("  ");
            yaml.Write(id);
            yaml.Write(":\n");
            WriteYamlEntries(yaml, body, 4);
            yaml.Write('\n');
        }

        yaml.Write("""
            Outputs:
              InternalKeyArn:
                Description: ARN of the internal data key
                Value: !GetAtt KeyInternal.Arn
                Export:
                  Name: !Sub ${AWS::StackName}-InternalKeyArn

            """);
    }

    public static void WriteJson(Stream stream, IEnumerable<GeneratedResource> resources, int count, int seed)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("AWSTemplateFormatVersion", "2010-09-09");
        json.WriteString("Description", $"sec08 benchmark template: {count.ToString(CultureInfo.InvariantCulture)} generated resources (seed {seed.ToString(CultureInfo.InvariantCulture)}), keys, aliases and data stores.");
        json.WritePropertyName("Parameters");
        Doc.WriteJson(json, new Obj
        {
            { "Environment", new Obj { { "Type", "String" }, { "Default", "prod" }, { "AllowedValues", List("dev", "prod") } } },
            { "DbSubnetGroupName", new Obj { { "Type", "String" }, { "Description", "Name of an existing DB subnet group in the data VPC (no default on purpose)." } } },
        });
        json.WritePropertyName("Conditions");
        Doc.WriteJson(json, new Obj { { "IsProd", new Fn("Equals", List(new Fn("Ref", "Environment"), "prod")) } });
        json.WriteStartObject("Resources");
        var written = 0;
        foreach (var resource in resources)
        {
            var (id, body) = Resource(resource);
            json.WritePropertyName(id);
            Doc.WriteJson(json, body);
            if (++written % 1024 == 0)
            {
                json.Flush();
            }
        }

        json.WriteEndObject();
        json.WritePropertyName("Outputs");
        Doc.WriteJson(json, new Obj
        {
            { "InternalKeyArn", new Obj { { "Value", new Fn("GetAtt", List("KeyInternal", "Arn")) }, { "Export", new Obj { { "Name", new Fn("Sub", "${AWS::StackName}-InternalKeyArn") } } } } },
        });
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static (string Id, Obj Body) Resource(GeneratedResource r)
    {
        var s = r.Suffix;
        return r.Store switch
        {
            Store.Key => (r.Key!.LogicalId, Key(r)),
            Store.Alias => (r.Key!.AliasLogicalId, Typed("AWS::KMS::Alias", new Obj { { "AliasName", r.Key!.AliasName }, { "TargetKeyId", new Fn("Ref", r.Key!.LogicalId) } })),
            Store.Bucket => ("Bucket" + s, Bucket(r)),
            Store.Volume => ("Volume" + s, Volume(r)),
            Store.Database => ("Db" + s, Database(r)),
            Store.Table => ("Table" + s, Table(r)),
            Store.Queue => ("Queue" + s, Queue(r)),
            Store.Topic => ("Topic" + s, Topic(r)),
            Store.Secret => ("Secret" + s, Secret(r)),
            Store.FileSystem => ("FileSystem" + s, FileSystem(r)),
            Store.LogGroup => ("LogGroup" + s, LogGroup(r)),
            Store.Trail => ("Trail" + s, Trail(r)),
            _ => throw new InvalidOperationException(r.Store.ToString()),
        };
    }

    private static Obj Typed(string type, Obj properties, string? deletionPolicy = null)
    {
        var body = new Obj { { "Type", type } };
        if (deletionPolicy is not null)
        {
            body.Add("DeletionPolicy", deletionPolicy);
            body.Add("UpdateReplacePolicy", deletionPolicy);
        }

        body.Add("Properties", properties);
        return body;
    }

    private static object?[] Tags(GeneratedResource r) => [.. r.Tags().Select(t => new Obj { { "Key", t.Key }, { "Value", t.Value } })];

    /// <summary>The key as the resource names it; for <see cref="Protection.Unknown"/>, an export of another stack.</summary>
    private static object KeyRef(GeneratedResource r) => r.Protection == Protection.Unknown
        ? new Fn("ImportValue", "shared-data-key-arn")
        : r.Style switch
        {
            KeyStyle.Arn => new Fn("GetAtt", List(r.Key!.LogicalId, "Arn")),
            KeyStyle.KeyId => new Fn("Ref", r.Key!.LogicalId),
            KeyStyle.AliasResource => new Fn("Ref", r.Key!.AliasLogicalId),
            _ => r.Key!.AliasName,
        };

    private static bool UsesKey(GeneratedResource r) => r.Protection is Protection.TierKey or Protection.OtherKey or Protection.Unknown;

    private static Obj Key(GeneratedResource r)
    {
        var key = r.Key!;
        var properties = new Obj
        {
            { "Description", key.Tier ? $"Acme {key.Name} data key" : $"{key.Team} team key {key.Name}" },
            { "Enabled", true },
            { "EnableKeyRotation", key.Rotation },
        };
        if (key.Rotation && key.PeriodDays is { } days)
        {
            properties.Add("RotationPeriodInDays", days);
        }

        properties.Add("PendingWindowInDays", new Fn("If", List("IsProd", 30, 7)));
        properties.Add("MultiRegion", false);
        properties.Add("KeySpec", "SYMMETRIC_DEFAULT");
        properties.Add("KeyUsage", "ENCRYPT_DECRYPT");
        properties.Add("KeyPolicy", new Obj
        {
            { "Version", "2012-10-17" },
            { "Id", "key-" + key.Name },
            {
                "Statement", List(new Obj
                {
                    { "Sid", "Enable IAM User Permissions" },
                    { "Effect", "Allow" },
                    { "Principal", new Obj { { "AWS", new Fn("Sub", "arn:${AWS::Partition}:iam::${AWS::AccountId}:root") } } },
                    { "Action", "kms:*" },
                    { "Resource", "*" },
                })
            },
        });
        properties.Add("Tags", Tags(r));
        return Typed("AWS::KMS::Key", properties, "Retain");
    }

    private static Obj Bucket(GeneratedResource r)
    {
        var properties = new Obj { { "BucketName", new Fn("Sub", $"acme-{r.Team ?? "shared"}-data-{r.Suffix}-${{AWS::AccountId}}") } };
        Obj? byDefault = r.Protection switch
        {
            Protection.AwsManaged => new Obj { { "SSEAlgorithm", "aws:kms" }, { "KMSMasterKeyID", "alias/aws/s3" } },
            Protection.ServiceDefault when r.Number % 2 == 0 => null, // no BucketEncryption: SSE-S3 applies
            Protection.ServiceDefault => new Obj { { "SSEAlgorithm", "AES256" } },
            _ => new Obj { { "SSEAlgorithm", "aws:kms" }, { "KMSMasterKeyID", KeyRef(r) } },
        };
        if (byDefault is not null)
        {
            properties.Add("BucketEncryption", new Obj
            {
                { "ServerSideEncryptionConfiguration", List(new Obj { { "ServerSideEncryptionByDefault", byDefault }, { "BucketKeyEnabled", UsesKey(r) } }) },
            });
        }

        properties.Add("PublicAccessBlockConfiguration", new Obj
        {
            { "BlockPublicAcls", true },
            { "BlockPublicPolicy", true },
            { "IgnorePublicAcls", true },
            { "RestrictPublicBuckets", true },
        });
        properties.Add("VersioningConfiguration", new Obj { { "Status", "Enabled" } });
        properties.Add("Tags", Tags(r));
        return Typed("AWS::S3::Bucket", properties, "Retain");
    }

    private static Obj Volume(GeneratedResource r)
    {
        var properties = new Obj
        {
            { "AvailabilityZone", new Fn("Sub", "${AWS::Region}a") },
            { "Size", 20 + (int)(r.Hash(1) % 480) },
            { "VolumeType", "gp3" },
        };
        switch (r.Protection)
        {
            case Protection.Unknown:
                break; // no Encrypted: the account's EBS encryption by default decides
            case Protection.Unencrypted:
                properties.Add("Encrypted", false);
                break;
            case Protection.AwsManaged:
                properties.Add("Encrypted", true);
                break;
            default:
                properties.Add("Encrypted", true);
                properties.Add("KmsKeyId", KeyRef(r));
                break;
        }

        properties.Add("Tags", Tags(r));
        return Typed("AWS::EC2::Volume", properties);
    }

    private static Obj Database(GeneratedResource r)
    {
        var postgres = r.Hash(2) % 2 == 0;
        var properties = new Obj
        {
            { "DBInstanceIdentifier", $"acme-{r.Team ?? "shared"}-db-{r.Suffix}" },
            { "Engine", postgres ? "postgres" : "mysql" },
            { "EngineVersion", postgres ? "16.3" : "8.0.39" },
            { "DBInstanceClass", "db.t4g.micro" },
            { "AllocatedStorage", "20" },
            { "StorageType", "gp3" },
            { "MasterUsername", "dbadmin" },
            { "ManageMasterUserPassword", true },
            { "DBSubnetGroupName", new Fn("Ref", "DbSubnetGroupName") },
            { "BackupRetentionPeriod", new Fn("If", List("IsProd", 35, 7)) },
            { "PubliclyAccessible", false },
            { "StorageEncrypted", r.Protection != Protection.Unencrypted },
        };
        if (UsesKey(r))
        {
            properties.Add("KmsKeyId", KeyRef(r));
        }

        properties.Add("Tags", Tags(r));
        return Typed("AWS::RDS::DBInstance", properties, "Snapshot");
    }

    private static Obj Table(GeneratedResource r)
    {
        var properties = new Obj
        {
            { "TableName", $"acme-{r.Team ?? "shared"}-table-{r.Suffix}" },
            { "BillingMode", "PAY_PER_REQUEST" },
            { "AttributeDefinitions", List(new Obj { { "AttributeName", "pk" }, { "AttributeType", "S" } }) },
            { "KeySchema", List(new Obj { { "AttributeName", "pk" }, { "KeyType", "HASH" } }) },
        };
        if (r.Protection == Protection.AwsManaged)
        {
            properties.Add("SSESpecification", new Obj { { "SSEEnabled", true } });
        }
        else if (UsesKey(r))
        {
            properties.Add("SSESpecification", new Obj { { "SSEEnabled", true }, { "SSEType", "KMS" }, { "KMSMasterKeyId", KeyRef(r) } });
        }

        properties.Add("Tags", Tags(r));
        return Typed("AWS::DynamoDB::Table", properties);
    }

    private static Obj Queue(GeneratedResource r)
    {
        var properties = new Obj { { "QueueName", $"acme-{r.Team ?? "shared"}-queue-{r.Suffix}" } };
        switch (r.Protection)
        {
            case Protection.ServiceDefault:
                properties.Add("SqsManagedSseEnabled", true);
                break;
            case Protection.Unencrypted:
                properties.Add("SqsManagedSseEnabled", false);
                break;
            case Protection.AwsManaged:
                properties.Add("KmsMasterKeyId", "alias/aws/sqs");
                break;
            default:
                properties.Add("KmsMasterKeyId", KeyRef(r));
                properties.Add("KmsDataKeyReusePeriodSeconds", 300);
                break;
        }

        properties.Add("Tags", Tags(r));
        return Typed("AWS::SQS::Queue", properties);
    }

    private static Obj Topic(GeneratedResource r)
    {
        var properties = new Obj { { "TopicName", $"acme-{r.Team ?? "shared"}-topic-{r.Suffix}" } };
        if (r.Protection == Protection.AwsManaged)
        {
            properties.Add("KmsMasterKeyId", "alias/aws/sns");
        }
        else if (UsesKey(r))
        {
            properties.Add("KmsMasterKeyId", KeyRef(r));
        }

        properties.Add("Tags", Tags(r));
        return Typed("AWS::SNS::Topic", properties);
    }

    private static Obj Secret(GeneratedResource r)
    {
        var properties = new Obj
        {
            { "Name", $"acme/{r.Team ?? "shared"}/secret-{r.Suffix}" },
            { "Description", "Generated API credentials" },
        };
        if (UsesKey(r))
        {
            properties.Add("KmsKeyId", KeyRef(r));
        }

        properties.Add("GenerateSecretString", new Obj { { "PasswordLength", 32 }, { "ExcludePunctuation", true } });
        properties.Add("Tags", Tags(r));
        return Typed("AWS::SecretsManager::Secret", properties);
    }

    private static Obj FileSystem(GeneratedResource r)
    {
        var properties = new Obj { { "Encrypted", r.Protection != Protection.Unencrypted } };
        if (UsesKey(r))
        {
            properties.Add("KmsKeyId", KeyRef(r));
        }

        properties.Add("PerformanceMode", "generalPurpose");
        properties.Add("ThroughputMode", "elastic");
        properties.Add("FileSystemTags", Tags(r));
        return Typed("AWS::EFS::FileSystem", properties);
    }

    private static Obj LogGroup(GeneratedResource r)
    {
        var properties = new Obj { { "LogGroupName", $"/acme/{r.Team ?? "shared"}/logs-{r.Suffix}" } };
        if (UsesKey(r))
        {
            properties.Add("KmsKeyId", r.Protection == Protection.Unknown ? KeyRef(r) : new Fn("GetAtt", List(r.Key!.LogicalId, "Arn")));
        }

        properties.Add("RetentionInDays", 365);
        properties.Add("Tags", Tags(r));
        return Typed("AWS::Logs::LogGroup", properties);
    }

    private static Obj Trail(GeneratedResource r)
    {
        var properties = new Obj
        {
            { "TrailName", $"acme-{r.Team ?? "shared"}-trail-{r.Suffix}" },
            { "S3BucketName", new Fn("Sub", $"acme-cloudtrail-logs-{r.Suffix}-${{AWS::AccountId}}") },
            { "IsLogging", true },
            { "IsMultiRegionTrail", true },
            { "IncludeGlobalServiceEvents", true },
            { "EnableLogFileValidation", true },
        };
        if (UsesKey(r))
        {
            properties.Add("KMSKeyId", KeyRef(r));
        }

        properties.Add("Tags", Tags(r));
        return Typed("AWS::CloudTrail::Trail", properties);
    }
}
