using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using static Sec08Policy.Benchmarks.Generators.Doc;

namespace Sec08Policy.Benchmarks.Generators;

/// <summary>
/// Writes an AWS Config snapshot file (<c>{fileVersion, configSnapshotId, configurationItems}</c>) in the API form
/// of <c>tests/.../equivalence/config-snapshot.json</c>: <c>version</c>, <c>accountId</c>, <c>arn</c>, and
/// <c>configuration</c> and every <c>supplementaryConfiguration</c> value as JSON strings; one line, as Config
/// writes it. It streams: items go to the stream as they are made, so a gigabyte file needs a few MB.
/// </summary>
internal static class ConfigSnapshotGenerator
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly DateTime s_captured = new(2025, 6, 2, 5, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime s_created = new(2024, 11, 4, 9, 0, 0, DateTimeKind.Utc);
    private const string Owner = "5f3a9c1e7b2d4086a1c3e5f7092b4d6e8a0c2e4f6a8b0d2f4e6a8c0e2b4d6f80";

    /// <summary>Writes items until <paramref name="resources"/> ends or the file reaches <paramref name="maxBytes"/>; returns the items written.</summary>
    public static int Write(Stream stream, IEnumerable<GeneratedResource> resources, long maxBytes = long.MaxValue)
    {
        var inner = new ArrayBufferWriter<byte>(4096);
        using var innerJson = new Utf8JsonWriter(inner, s_options);
        using var json = new Utf8JsonWriter(stream, s_options);
        json.WriteStartObject();
        json.WriteString("fileVersion", "1.0");
        json.WriteString("configSnapshotId", "a3f1c7e2-5b9d-4e08-b6a4-2c8d0f1e3b57");
        json.WriteStartArray("configurationItems");
        var written = 0;
        foreach (var resource in resources)
        {
            Item(json, resource, inner, innerJson);
            written++;
            if (json.BytesPending > 1 << 16)
            {
                json.Flush();
            }

            if (json.BytesCommitted + json.BytesPending >= maxBytes)
            {
                break;
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
        return written;
    }

    private static void Item(Utf8JsonWriter json, GeneratedResource r, ArrayBufferWriter<byte> inner, Utf8JsonWriter innerJson)
    {
        var (type, arn, id, name, zone, configuration, supplementary, relationships) = Describe(r);
        json.WriteStartObject();
        json.WriteString("version", "1.3");
        json.WriteString("accountId", InputModel.Account);
        json.WriteString("configurationItemCaptureTime", Time(s_captured.AddMilliseconds(r.Number * 37L)));
        json.WriteString("configurationItemStatus", "OK");
        json.WriteString("configurationStateId", (1748845207919L + r.Number).ToString(CultureInfo.InvariantCulture));
        json.WriteString("configurationItemMD5Hash", string.Empty);
        json.WriteString("arn", arn);
        json.WriteString("resourceType", type);
        json.WriteString("resourceId", id);
        if (name is not null)
        {
            json.WriteString("resourceName", name);
        }

        json.WriteString("awsRegion", r.Store is Store.Key or Store.Alias ? InputModel.HomeRegion : r.Region);
        json.WriteString("availabilityZone", zone);
        json.WriteString("resourceCreationTime", Time(Created(r)));
        json.WriteStartObject("tags");
        if (r.Store != Store.Alias)
        {
            foreach (var (key, value) in r.Tags())
            {
                json.WriteString(key, value);
            }
        }

        json.WriteEndObject();
        json.WriteStartArray("relatedEvents");
        json.WriteEndArray();
        json.WritePropertyName("relationships");
        WriteJson(json, relationships);
        json.WritePropertyName("configuration");
        Embedded(json, configuration, inner, innerJson);
        json.WriteStartObject("supplementaryConfiguration");
        foreach (var (key, value) in supplementary)
        {
            json.WritePropertyName(key);
            if (value is string text)
            {
                json.WriteStringValue(text);
            }
            else
            {
                Embedded(json, value, inner, innerJson);
            }
        }

        json.WriteEndObject();
        json.WriteString("recordingFrequency", "CONTINUOUS");
        json.WriteEndObject();
    }

    /// <summary>Writes a value as a JSON string holding its JSON text, as the API form does.</summary>
    private static void Embedded(Utf8JsonWriter json, object? value, ArrayBufferWriter<byte> inner, Utf8JsonWriter innerJson)
    {
        inner.ResetWrittenCount();
        innerJson.Reset(inner);
        WriteJson(innerJson, value);
        innerJson.Flush();
        json.WriteStringValue(inner.WrittenSpan);
    }

    private static (string Type, string Arn, string Id, string? Name, string Zone, Obj Configuration, Obj Supplementary, object?[] Relationships) Describe(GeneratedResource r)
    {
        var region = r.Region;
        var account = InputModel.Account;
        var team = r.Team ?? "shared";
        var created = Time(Created(r));
        switch (r.Store)
        {
            case Store.Key:
                {
                    var key = r.Key!;
                    var configuration = new Obj
                    {
                        { "keyId", key.KeyId }, { "arn", key.Arn }, { "awsaccountId", account }, { "creationDate", created }, { "enabled", true },
                        { "description", key.Tier ? $"Acme {key.Name} data key" : $"{key.Team} team key {key.Name}" }, { "keyUsage", "ENCRYPT_DECRYPT" },
                        { "keyState", "Enabled" }, { "deletionDate", null }, { "validTo", null }, { "origin", "AWS_KMS" }, { "customKeyStoreId", null },
                        { "cloudHsmClusterId", null }, { "expirationModel", null }, { "keyManager", "CUSTOMER" }, { "customerMasterKeySpec", "SYMMETRIC_DEFAULT" },
                        { "keySpec", "SYMMETRIC_DEFAULT" }, { "encryptionAlgorithms", List("SYMMETRIC_DEFAULT") }, { "signingAlgorithms", List() },
                        { "macAlgorithms", List() }, { "multiRegion", false }, { "multiRegionConfiguration", null }, { "pendingDeletionWindowInDays", null },
                    };
                    return ("AWS::KMS::Key", key.Arn, key.KeyId, null, "Not Applicable", configuration,
                        new Obj { { "KeyRotationStatus", key.Rotation ? "true" : "false" } }, List());
                }

            case Store.Alias:
                {
                    var key = r.Key!;
                    return ("AWS::KMS::Alias", key.AliasArn, key.AliasName, key.AliasName, "Not Applicable",
                        new Obj { { "AliasName", key.AliasName }, { "TargetKeyId", key.KeyId } }, Empty(), List());
                }

            case Store.Bucket:
                {
                    var bucket = $"acme-{team}-data-{r.Suffix}-{account}";
                    var byDefault = r.Protection switch
                    {
                        Protection.ServiceDefault => new Obj { { "sseAlgorithm", "AES256" }, { "kmsMasterKeyID", null } },
                        Protection.AwsManaged => new Obj { { "sseAlgorithm", "aws:kms" }, { "kmsMasterKeyID", null } },
                        _ => new Obj { { "sseAlgorithm", "aws:kms" }, { "kmsMasterKeyID", KeyArn(r) } },
                    };
                    var supplementary = new Obj
                    {
                        {
                            "AccessControlList", new Obj
                            {
                                { "grantSet", null },
                                { "grantList", List(new Obj { { "grantee", new Obj { { "id", Owner }, { "displayName", null } } }, { "permission", "FullControl" } }) },
                                { "owner", new Obj { { "displayName", null }, { "id", Owner } } },
                                { "isRequesterCharged", false },
                            }
                        },
                        { "BucketAccelerateConfiguration", new Obj { { "status", null } } },
                        { "BucketLoggingConfiguration", new Obj { { "destinationBucketName", null }, { "logFilePrefix", null } } },
                        { "BucketNotificationConfiguration", new Obj { { "configurations", Empty() } } },
                        { "BucketPolicy", new Obj { { "policyText", null } } },
                        { "BucketVersioningConfiguration", new Obj { { "status", "Enabled" }, { "isMfaDeleteEnabled", null } } },
                        { "IsRequesterPaysEnabled", "false" },
                        { "PublicAccessBlockConfiguration", new Obj { { "blockPublicAcls", true }, { "ignorePublicAcls", true }, { "blockPublicPolicy", true }, { "restrictPublicBuckets", true } } },
                        { "ServerSideEncryptionConfiguration", new Obj { { "rules", List(new Obj { { "applyServerSideEncryptionByDefault", byDefault }, { "bucketKeyEnabled", r.Protection is Protection.TierKey or Protection.OtherKey } }) } } },
                    };
                    return ("AWS::S3::Bucket", $"arn:aws:s3:::{bucket}", bucket, bucket, "Regional",
                        new Obj { { "name", bucket }, { "owner", new Obj { { "displayName", null }, { "id", Owner } } }, { "creationDate", created } }, supplementary, List());
                }

            case Store.Volume:
                {
                    var volume = "vol-0" + r.Hex(16);
                    var configuration = new Obj
                    {
                        { "attachments", List() }, { "availabilityZone", region + "a" }, { "createTime", created },
                        { "encrypted", r.Protection != Protection.Unencrypted }, { "kmsKeyId", KeyArn(r) }, { "outpostArn", null },
                        { "size", 20 + (int)(r.Hash(1) % 480) }, { "snapshotId", string.Empty }, { "state", new Obj { { "value", "in-use" } } }, { "volumeId", volume },
                        { "iops", 3000 }, { "tags", TagList(r, "key", "value") }, { "volumeType", "gp3" }, { "fastRestored", null }, { "multiAttachEnabled", false },
                        { "throughput", 125 }, { "sseType", null }, { "operator", null },
                    };
                    return ("AWS::EC2::Volume", $"arn:aws:ec2:{region}:{account}:volume/{volume}", volume, null, region + "a", configuration, Empty(), List());
                }

            case Store.Database:
                {
                    var identifier = $"acme-{team}-db-{r.Suffix}";
                    var resourceId = "db-" + (r.Hex(16, 3) + r.Hex(10, 4)).ToUpperInvariant();
                    var postgres = r.Hash(2) % 2 == 0;
                    var dbArn = $"arn:aws:rds:{region}:{account}:db:{identifier}";
                    var configuration = new Obj
                    {
                        { "dBInstanceIdentifier", identifier }, { "dBInstanceClass", "db.t4g.micro" }, { "engine", postgres ? "postgres" : "mysql" },
                        { "dBInstanceStatus", "available" }, { "masterUsername", "dbadmin" },
                        { "endpoint", new Obj { { "address", $"{identifier}.c8x2k4m6p9q1.{region}.rds.amazonaws.com" }, { "port", postgres ? 5432 : 3306 }, { "hostedZoneId", "Z29XKXDKYMONMX" } } },
                        { "allocatedStorage", 20 }, { "instanceCreateTime", created }, { "preferredBackupWindow", "02:10-02:40" }, { "backupRetentionPeriod", 35 },
                        { "dBSecurityGroups", List() }, { "vpcSecurityGroups", List(new Obj { { "vpcSecurityGroupId", "sg-0c4e6a8b1d3f5a7c9" }, { "status", "active" } }) },
                        { "dBParameterGroups", List(new Obj { { "dBParameterGroupName", postgres ? "default.postgres16" : "default.mysql8.0" }, { "parameterApplyStatus", "in-sync" } }) },
                        { "availabilityZone", region + "b" },
                        { "dBSubnetGroup", new Obj { { "dBSubnetGroupName", "acme-data-private" }, { "dBSubnetGroupDescription", "Private subnets of the data VPC" }, { "vpcId", "vpc-0b2d4f6a8c0e1a3b5" }, { "subnetGroupStatus", "Complete" } } },
                        { "preferredMaintenanceWindow", "sun:03:30-sun:04:00" }, { "multiAZ", false }, { "engineVersion", postgres ? "16.3" : "8.0.39" },
                        { "autoMinorVersionUpgrade", true }, { "readReplicaDBInstanceIdentifiers", List() }, { "licenseModel", postgres ? "postgresql-license" : "general-public-license" },
                        { "publiclyAccessible", false }, { "storageType", "gp3" }, { "dbInstancePort", 0 }, { "storageEncrypted", r.Protection != Protection.Unencrypted },
                        { "kmsKeyId", KeyArn(r) }, { "dbiResourceId", resourceId }, { "cACertificateIdentifier", "rds-ca-rsa2048-g1" }, { "copyTagsToSnapshot", false },
                        { "monitoringInterval", 0 }, { "dBInstanceArn", dbArn }, { "iAMDatabaseAuthenticationEnabled", false }, { "performanceInsightsEnabled", false },
                        { "deletionProtection", false }, { "tagList", TagList(r, "key", "value") },
                    };
                    var relationships = List(
                        new Obj { { "resourceType", "AWS::EC2::SecurityGroup" }, { "resourceId", "sg-0c4e6a8b1d3f5a7c9" }, { "relationshipName", "Is associated with SecurityGroup" } },
                        new Obj { { "resourceType", "AWS::RDS::DBSubnetGroup" }, { "resourceId", "acme-data-private" }, { "relationshipName", "Is associated with DBSubnetGroup" } });
                    return ("AWS::RDS::DBInstance", dbArn, resourceId, identifier, region + "b", configuration, Empty(), relationships);
                }

            case Store.Table:
                {
                    var table = $"acme-{team}-table-{r.Suffix}";
                    var tableArn = $"arn:aws:dynamodb:{region}:{account}:table/{table}";
                    var configuration = new Obj
                    {
                        { "attributeDefinitions", List(new Obj { { "attributeName", "pk" }, { "attributeType", "S" } }) }, { "tableName", table },
                        { "keySchema", List(new Obj { { "attributeName", "pk" }, { "keyType", "HASH" } }) }, { "tableStatus", "ACTIVE" }, { "creationDateTime", created },
                        { "provisionedThroughput", new Obj { { "numberOfDecreasesToday", 0 }, { "readCapacityUnits", 0 }, { "writeCapacityUnits", 0 } } },
                        { "tableSizeBytes", (long)(r.Hash(5) % 100_000_000) }, { "itemCount", (long)(r.Hash(6) % 1_000_000) }, { "tableArn", tableArn },
                        { "tableId", new Guid(BitConverter.GetBytes(r.Hash(7)).Concat(BitConverter.GetBytes(r.Hash(8))).ToArray()).ToString("D") },
                        { "billingModeSummary", new Obj { { "billingMode", "PAY_PER_REQUEST" }, { "lastUpdateToPayPerRequestDateTime", created } } },
                    };
                    if (r.Protection != Protection.ServiceDefault)
                    {
                        configuration.Add("ssedescription", new Obj { { "status", "ENABLED" }, { "ssetype", "KMS" }, { "kmsmasterKeyArn", KeyArn(r) } });
                    }

                    configuration.Add("deletionProtectionEnabled", false);
                    var supplementary = new Obj
                    {
                        { "ContinuousBackupsDescription", new Obj { { "continuousBackupsStatus", "ENABLED" }, { "pointInTimeRecoveryDescription", new Obj { { "pointInTimeRecoveryStatus", "DISABLED" } } } } },
                    };
                    return ("AWS::DynamoDB::Table", tableArn, table, table, "Not Applicable", configuration, supplementary, List());
                }

            case Store.Queue:
                {
                    var queue = $"acme-{team}-queue-{r.Suffix}";
                    var url = $"https://sqs.{region}.amazonaws.com/{account}/{queue}";
                    var queueArn = $"arn:aws:sqs:{region}:{account}:{queue}";
                    var epoch = ((DateTimeOffset)Created(r)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                    var configuration = new Obj
                    {
                        { "QueueName", queue }, { "QueueUrl", url }, { "QueueArn", queueArn }, { "VisibilityTimeout", 30 }, { "MaximumMessageSize", 262144 },
                        { "MessageRetentionPeriod", 345600 }, { "DelaySeconds", 0 }, { "ReceiveMessageWaitTimeSeconds", 0 }, { "CreatedTimestamp", epoch },
                        { "LastModifiedTimestamp", epoch }, { "SqsManagedSseEnabled", r.Protection == Protection.ServiceDefault ? "true" : "false" },
                    };
                    if (KeyText(r) is { } queueKey)
                    {
                        configuration.Add("KmsMasterKeyId", queueKey);
                        configuration.Add("KmsDataKeyReusePeriodSeconds", 300);
                    }

                    return ("AWS::SQS::Queue", queueArn, url, queue, "Not Applicable", configuration, Empty(), List());
                }

            case Store.Topic:
                {
                    var topicArn = $"arn:aws:sns:{region}:{account}:acme-{team}-topic-{r.Suffix}";
                    var configuration = new Obj
                    {
                        { "TopicArn", topicArn }, { "Owner", account }, { "DisplayName", string.Empty }, { "SubscriptionsConfirmed", 1 }, { "SubscriptionsPending", 0 },
                        { "SubscriptionsDeleted", 0 },
                    };
                    if (KeyText(r) is { } topicKey)
                    {
                        configuration.Add("KmsMasterKeyId", topicKey);
                    }

                    return ("AWS::SNS::Topic", topicArn, topicArn, $"acme-{team}-topic-{r.Suffix}", "Not Applicable", configuration, Empty(), List());
                }

            case Store.Secret:
                {
                    var secret = $"acme/{team}/secret-{r.Suffix}";
                    var secretArn = $"arn:aws:secretsmanager:{region}:{account}:secret:{secret}-{r.Hex(6, 9)}";
                    var configuration = new Obj { { "ARN", secretArn }, { "Name", secret }, { "Description", "Generated API credentials" } };
                    if (r.Protection != Protection.AwsManaged)
                    {
                        configuration.Add("KMSKeyId", KeyArn(r)); // DescribeSecret omits it for the default key
                    }

                    configuration.Add("RotationEnabled", false);
                    configuration.Add("Deleted", false);
                    return ("AWS::SecretsManager::Secret", secretArn, secretArn, secret, "Not Applicable", configuration, Empty(), List());
                }

            case Store.FileSystem:
                {
                    var fs = "fs-0" + r.Hex(16, 10);
                    var fsArn = $"arn:aws:elasticfilesystem:{region}:{account}:file-system/{fs}";
                    var configuration = new Obj { { "FileSystemId", fs }, { "Arn", fsArn }, { "Encrypted", r.Protection != Protection.Unencrypted } };
                    if (KeyArn(r) is { } fsKey)
                    {
                        configuration.Add("KmsKeyId", fsKey);
                    }

                    configuration.Add("PerformanceMode", "generalPurpose");
                    configuration.Add("ThroughputMode", "elastic");
                    configuration.Add("BackupPolicy", new Obj { { "Status", "DISABLED" } });
                    configuration.Add("FileSystemProtection", new Obj { { "ReplicationOverwriteProtection", "ENABLED" } });
                    configuration.Add("LifecyclePolicies", List());
                    configuration.Add("FileSystemTags", TagList(r, "Key", "Value"));
                    return ("AWS::EFS::FileSystem", fsArn, fs, null, "Not Applicable", configuration, Empty(), List());
                }

            case Store.LogGroup:
                {
                    var group = $"/acme/{team}/logs-{r.Suffix}";
                    var groupArn = $"arn:aws:logs:{region}:{account}:log-group:{group}";
                    var configuration = new Obj { { "logGroupName", group }, { "arn", groupArn + ":*" }, { "creationTime", ((DateTimeOffset)Created(r)).ToUnixTimeMilliseconds() }, { "retentionInDays", 365 } };
                    if (r.Protection != Protection.ServiceDefault)
                    {
                        configuration.Add("kmsKeyId", KeyArn(r));
                    }

                    configuration.Add("storedBytes", (long)(r.Hash(11) % 10_000_000));
                    return ("AWS::Logs::LogGroup", groupArn, group, group, "Not Applicable", configuration, Empty(), List());
                }

            default:
                {
                    var trail = $"acme-{team}-trail-{r.Suffix}";
                    var trailArn = $"arn:aws:cloudtrail:{region}:{account}:trail/{trail}";
                    var configuration = new Obj
                    {
                        { "name", trail }, { "s3BucketName", $"acme-cloudtrail-logs-{r.Suffix}-{account}" }, { "s3KeyPrefix", null }, { "snsTopicName", null },
                        { "snsTopicARN", null }, { "includeGlobalServiceEvents", true }, { "isMultiRegionTrail", true }, { "homeRegion", region },
                        { "trailARN", trailArn }, { "logFileValidationEnabled", true }, { "cloudWatchLogsLogGroupArn", null }, { "cloudWatchLogsRoleArn", null },
                        { "kmsKeyId", r.Protection == Protection.ServiceDefault ? null : KeyArn(r) }, { "hasCustomEventSelectors", false },
                        { "hasInsightSelectors", false }, { "isOrganizationTrail", false },
                    };
                    return ("AWS::CloudTrail::Trail", trailArn, trail, trail, "Not Applicable", configuration, Empty(), List());
                }
        }
    }

    /// <summary>
    /// The key as Config reports it for EBS, RDS, EFS, DynamoDB, Secrets Manager, logs and trails: a key ARN (the
    /// alias ARN when the alias was given); the AWS managed key's ARN (not in the snapshot); another account's key for
    /// <see cref="Protection.Unknown"/>; null when not encrypted.
    /// </summary>
    private static string? KeyArn(GeneratedResource r) => r.Protection switch
    {
        Protection.TierKey or Protection.OtherKey => r.Style == KeyStyle.AliasName ? r.Key!.AliasArn : r.Key!.Arn,
        Protection.AwsManaged => $"arn:aws:kms:{r.Region}:{InputModel.Account}:key/{AwsManagedKeyId(r)}",
        Protection.Unknown => $"arn:aws:kms:{r.Region}:{InputModel.ForeignAccount}:key/{new Guid(BitConverter.GetBytes(r.Hash(12)).Concat(BitConverter.GetBytes(r.Hash(13))).ToArray()):D}",
        _ => null,
    };

    /// <summary>SQS and SNS report the key as it was set: key ID, ARN or alias name.</summary>
    private static string? KeyText(GeneratedResource r) => r.Protection switch
    {
        Protection.TierKey or Protection.OtherKey => r.Style switch
        {
            KeyStyle.KeyId => r.Key!.KeyId,
            KeyStyle.Arn => r.Key!.Arn,
            _ => r.Key!.AliasName,
        },
        Protection.AwsManaged => r.Store == Store.Queue ? "alias/aws/sqs" : "alias/aws/sns",
        Protection.Unknown => KeyArn(r),
        _ => null,
    };

    private static string AwsManagedKeyId(GeneratedResource r)
    {
        var seed = InputModel.Mix(((ulong)r.Store * 7919) + r.Region.Aggregate(17UL, (h, c) => (h * 31) + c));
        return new Guid(BitConverter.GetBytes(seed).Concat(BitConverter.GetBytes(InputModel.Mix(seed))).ToArray()).ToString("D");
    }

    private static object?[] TagList(GeneratedResource r, string key, string value) => [.. r.Tags().Select(t => new Obj { { key, t.Key }, { value, t.Value } })];

    private static DateTime Created(GeneratedResource r) => s_created.AddSeconds((long)(r.Hash(14) % (180 * 86400)));

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
