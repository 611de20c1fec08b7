using System.Text.Encodings.Web;
using System.Text.Json;
using static Sec08Policy.Benchmarks.Generators.Doc;

namespace Sec08Policy.Benchmarks.Generators;

/// <summary>
/// Writes <c>terraform show -json</c> output (format_version 1.2) in the shape of <c>tests/.../equivalence/plan.json</c>:
/// every resource created, <c>planned_values</c>, <c>resource_changes</c> with <c>after</c>, <c>after_unknown</c> and
/// <c>after_sensitive</c>, and <c>configuration</c> whose expressions reference the keys by <c>arn</c>, <c>key_id</c>
/// or alias; S3 encryption as separate <c>aws_s3_bucket_server_side_encryption_configuration</c> resources. Like
/// Terraform, it sorts resources by address and writes one line. Unknown keys come from a data source read at apply.
/// </summary>
internal static class TerraformPlanGenerator
{
    private const string Provider = "registry.terraform.io/hashicorp/aws";
    private static readonly object?[] s_sharedKey = ["data.aws_kms_key.shared.arn", "data.aws_kms_key.shared"];

    private sealed record Block(string Type, string Name, Obj After, Obj AfterUnknown, Obj Expressions, int SchemaVersion = 0)
    {
        public string Address => Type + "." + Name;
    }

    /// <summary>Writes the plan on one line as Terraform does, or <paramref name="indented"/> (as <c>jq .</c> would print it).</summary>
    public static void Write(Stream stream, IEnumerable<GeneratedResource> resources, bool indented = false)
    {
        var blocks = resources.SelectMany(Blocks).OrderBy(b => b.Address, StringComparer.Ordinal).ToList();
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("format_version", "1.2");
        json.WriteString("terraform_version", "1.9.5");
        json.WritePropertyName("variables");
        Doc.WriteJson(json, new Obj { { "db_subnet_group_name", new Obj { { "value", "acme-data-private" } } }, { "environment", new Obj { { "value", "prod" } } } });

        json.WriteStartObject("planned_values");
        json.WriteStartObject("root_module");
        json.WriteStartArray("resources");
        foreach (var block in blocks)
        {
            json.WriteStartObject();
            Header(json, block);
            json.WriteNumber("schema_version", block.SchemaVersion);
            json.WritePropertyName("values");
            Doc.WriteJson(json, block.After);
            json.WritePropertyName("sensitive_values");
            Doc.WriteJson(json, Sensitive(block.After));
            json.WriteEndObject();
            Flush(json);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("resource_changes");
        foreach (var block in blocks)
        {
            json.WriteStartObject();
            Header(json, block);
            json.WriteStartObject("change");
            json.WriteStartArray("actions");
            json.WriteStringValue("create");
            json.WriteEndArray();
            json.WriteNull("before");
            json.WritePropertyName("after");
            Doc.WriteJson(json, block.After);
            json.WritePropertyName("after_unknown");
            Doc.WriteJson(json, block.AfterUnknown);
            json.WriteBoolean("before_sensitive", false);
            json.WritePropertyName("after_sensitive");
            Doc.WriteJson(json, Sensitive(block.After));
            json.WriteEndObject();
            json.WriteEndObject();
            Flush(json);
        }

        json.WriteEndArray();

        json.WriteStartObject("configuration");
        json.WritePropertyName("provider_config");
        Doc.WriteJson(json, new Obj
        {
            {
                "aws", new Obj
                {
                    { "name", "aws" },
                    { "full_name", Provider },
                    { "version_constraint", "~> 5.60" },
                    { "expressions", new Obj { { "region", new Obj { { "constant_value", InputModel.HomeRegion } } } } },
                }
            },
        });
        json.WriteStartObject("root_module");
        json.WriteStartArray("resources");
        json.WriteStartObject();
        json.WriteString("address", "data.aws_kms_key.shared");
        json.WriteString("mode", "data");
        json.WriteString("type", "aws_kms_key");
        json.WriteString("name", "shared");
        json.WriteString("provider_config_key", "aws");
        json.WritePropertyName("expressions");
        Doc.WriteJson(json, new Obj { { "key_id", new Obj { { "constant_value", "alias/shared/data" } } } });
        json.WriteNumber("schema_version", 0);
        json.WriteEndObject();
        foreach (var block in blocks)
        {
            json.WriteStartObject();
            json.WriteString("address", block.Address);
            json.WriteString("mode", "managed");
            json.WriteString("type", block.Type);
            json.WriteString("name", block.Name);
            json.WriteString("provider_config_key", "aws");
            json.WritePropertyName("expressions");
            Doc.WriteJson(json, block.Expressions);
            json.WriteNumber("schema_version", block.SchemaVersion);
            json.WriteEndObject();
            Flush(json);
        }

        json.WriteEndArray();
        json.WritePropertyName("variables");
        Doc.WriteJson(json, new Obj
        {
            { "db_subnet_group_name", new Obj { { "description", "Name of an existing DB subnet group in the data VPC" } } },
            { "environment", new Obj { { "default", "prod" }, { "description", "Deployment stage" } } },
        });
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("timestamp", "2025-06-02T08:41:17Z");
        json.WriteBoolean("applyable", true);
        json.WriteBoolean("complete", true);
        json.WriteBoolean("errored", false);
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void Header(Utf8JsonWriter json, Block block)
    {
        json.WriteString("address", block.Address);
        json.WriteString("mode", "managed");
        json.WriteString("type", block.Type);
        json.WriteString("name", block.Name);
        json.WriteString("provider_name", Provider);
    }

    private static void Flush(Utf8JsonWriter json)
    {
        if (json.BytesPending > 1 << 16)
        {
            json.Flush();
        }
    }

    /// <summary><c>after_sensitive</c>/<c>sensitive_values</c>: empty objects and lists where the values have maps and lists.</summary>
    private static Obj Sensitive(Obj after)
    {
        var sensitive = new Obj();
        foreach (var (key, value) in after)
        {
            if (value is Obj or object?[] { Length: 0 })
            {
                sensitive.Add(key, value is Obj ? Empty() : List());
            }
        }

        return sensitive;
    }

    private static IEnumerable<Block> Blocks(GeneratedResource r)
    {
        var name = "data_" + r.Suffix;
        var tags = Tags(r);
        switch (r.Store)
        {
            case Store.Key:
                yield return Key(r, tags);
                break;
            case Store.Alias:
                yield return new Block(
                    "aws_kms_alias",
                    r.Key!.TerraformName,
                    new Obj { { "name", r.Key!.AliasName } },
                    Unknown("arn", "id", "name_prefix", "target_key_arn", "target_key_id"),
                    new Obj { { "name", Constant(r.Key!.AliasName) }, { "target_key_id", References($"aws_kms_key.{r.Key!.TerraformName}.key_id", $"aws_kms_key.{r.Key!.TerraformName}") } });
                break;
            case Store.Bucket:
                {
                    var bucket = $"acme-{r.Team ?? "shared"}-data-{r.Suffix}-{InputModel.Account}";
                    yield return new Block(
                        "aws_s3_bucket",
                        name,
                        new Obj { { "bucket", bucket }, { "force_destroy", false }, { "tags", tags }, { "tags_all", tags }, { "timeouts", null } },
                        Unknown(
                            "acceleration_status", "acl", "arn", "bucket_domain_name", "bucket_prefix", "bucket_regional_domain_name", "cors_rule", "grant", "hosted_zone_id", "id",
                            "lifecycle_rule", "logging", "object_lock_configuration", "object_lock_enabled", "policy", "region", "replication_configuration", "request_payer",
                            "server_side_encryption_configuration", "versioning", "website", "website_domain", "website_endpoint"),
                        new Obj { { "bucket", Constant(bucket) }, { "tags", Constant(tags) } });
                    if (r.Protection != Protection.ServiceDefault || r.Number % 2 == 1)
                    {
                        yield return BucketEncryption(r, name);
                    }

                    break;
                }

            case Store.Volume:
                {
                    var after = new Obj { { "availability_zone", r.Region + "a" } };
                    var unknown = Unknown("arn", "id", "iops", "snapshot_id", "throughput");
                    var expressions = new Obj { { "availability_zone", Constant(r.Region + "a") } };
                    if (r.Protection == Protection.Unknown)
                    {
                        unknown.Add("encrypted", true); // not set: optional and computed, EBS encryption by default decides
                    }
                    else
                    {
                        var encrypted = r.Protection != Protection.Unencrypted;
                        after.Add("encrypted", encrypted);
                        expressions.Add("encrypted", Constant(encrypted));
                    }

                    after.Add("final_snapshot", false);
                    after.Add("multi_attach_enabled", null);
                    after.Add("outpost_arn", null);
                    var size = 20 + (int)(r.Hash(1) % 480);
                    after.Add("size", size);
                    after.Add("tags", tags);
                    after.Add("tags_all", tags);
                    after.Add("timeouts", null);
                    after.Add("type", "gp3");
                    if (r.Protection is Protection.TierKey or Protection.OtherKey)
                    {
                        AddKey(r, "kms_key_id", after, unknown, expressions);
                    }
                    else
                    {
                        unknown.Add("kms_key_id", true); // optional and computed, not configured
                    }

                    expressions.Add("size", Constant(size));
                    expressions.Add("tags", Constant(tags));
                    expressions.Add("type", Constant("gp3"));
                    yield return new Block("aws_ebs_volume", name, after, WithTags(unknown), expressions);
                    break;
                }

            case Store.Database:
                yield return Database(r, name, tags);
                break;
            case Store.Table:
                yield return Table(r, name, tags);
                break;
            case Store.Queue:
                {
                    var queue = $"acme-{r.Team ?? "shared"}-queue-{r.Suffix}";
                    var after = new Obj
                    {
                        { "content_based_deduplication", false }, { "delay_seconds", 0 }, { "fifo_queue", false }, { "max_message_size", 262144 },
                        { "message_retention_seconds", 345600 }, { "name", queue }, { "receive_wait_time_seconds", 0 },
                    };
                    var unknown = Unknown("arn", "deduplication_scope", "fifo_throughput_limit", "id", "name_prefix", "policy", "redrive_allow_policy", "redrive_policy", "url");
                    var expressions = new Obj { { "name", Constant(queue) } };
                    switch (r.Protection)
                    {
                        case Protection.ServiceDefault or Protection.Unencrypted:
                            after.Add("kms_master_key_id", null);
                            after.Add("sqs_managed_sse_enabled", r.Protection == Protection.ServiceDefault);
                            unknown.Add("kms_data_key_reuse_period_seconds", true);
                            expressions.Add("sqs_managed_sse_enabled", Constant(r.Protection == Protection.ServiceDefault));
                            break;
                        case Protection.AwsManaged:
                            after.Add("kms_master_key_id", "alias/aws/sqs");
                            unknown.Add("kms_data_key_reuse_period_seconds", true);
                            unknown.Add("sqs_managed_sse_enabled", true);
                            expressions.Add("kms_master_key_id", Constant("alias/aws/sqs"));
                            break;
                        default:
                            after.Add("kms_data_key_reuse_period_seconds", 300);
                            unknown.Add("sqs_managed_sse_enabled", true);
                            expressions.Add("kms_data_key_reuse_period_seconds", Constant(300));
                            AddKey(r, "kms_master_key_id", after, unknown, expressions);
                            break;
                    }

                    after.Add("tags", tags);
                    after.Add("tags_all", tags);
                    after.Add("timeouts", null);
                    after.Add("visibility_timeout_seconds", 30);
                    expressions.Add("tags", Constant(tags));
                    yield return new Block("aws_sqs_queue", name, after, WithTags(unknown), expressions);
                    break;
                }

            case Store.Topic:
                {
                    var topic = $"acme-{r.Team ?? "shared"}-topic-{r.Suffix}";
                    var after = new Obj
                    {
                        { "application_failure_feedback_role_arn", null }, { "application_success_feedback_role_arn", null }, { "archive_policy", null },
                        { "content_based_deduplication", false }, { "delivery_policy", null }, { "display_name", null }, { "fifo_topic", false },
                        { "http_failure_feedback_role_arn", null }, { "http_success_feedback_role_arn", null }, { "lambda_failure_feedback_role_arn", null },
                        { "lambda_success_feedback_role_arn", null }, { "name", topic }, { "sqs_failure_feedback_role_arn", null }, { "sqs_success_feedback_role_arn", null },
                        { "tags", tags }, { "tags_all", tags },
                    };
                    var unknown = Unknown("arn", "beginning_archive_time", "id", "name_prefix", "owner", "policy", "signature_version", "tracing_config");
                    var expressions = new Obj { { "name", Constant(topic) }, { "tags", Constant(tags) } };
                    if (r.Protection == Protection.AwsManaged)
                    {
                        after.Add("kms_master_key_id", "alias/aws/sns");
                        expressions.Add("kms_master_key_id", Constant("alias/aws/sns"));
                    }
                    else if (r.Protection == Protection.Unencrypted)
                    {
                        after.Add("kms_master_key_id", null);
                    }
                    else
                    {
                        AddKey(r, "kms_master_key_id", after, unknown, expressions);
                    }

                    yield return new Block("aws_sns_topic", name, after, WithTags(unknown), expressions);
                    break;
                }

            case Store.Secret:
                {
                    var secret = $"acme/{r.Team ?? "shared"}/secret-{r.Suffix}";
                    var after = new Obj { { "description", "Generated API credentials" }, { "force_overwrite_replica_secret", false } };
                    var unknown = Unknown("arn", "id", "name_prefix", "policy", "replica");
                    var expressions = new Obj { { "description", Constant("Generated API credentials") }, { "name", Constant(secret) } };
                    if (r.Protection == Protection.AwsManaged)
                    {
                        after.Add("kms_key_id", null);
                    }
                    else
                    {
                        AddKey(r, "kms_key_id", after, unknown, expressions);
                    }

                    after.Add("name", secret);
                    after.Add("recovery_window_in_days", 30);
                    after.Add("tags", tags);
                    after.Add("tags_all", tags);
                    expressions.Add("tags", Constant(tags));
                    yield return new Block("aws_secretsmanager_secret", name, after, WithTags(unknown), expressions);
                    break;
                }

            case Store.FileSystem:
                {
                    var encrypted = r.Protection != Protection.Unencrypted;
                    var after = new Obj
                    {
                        { "availability_zone_name", null }, { "encrypted", encrypted }, { "lifecycle_policy", List() }, { "performance_mode", "generalPurpose" },
                        { "provisioned_throughput_in_mibps", null }, { "tags", tags }, { "tags_all", tags }, { "throughput_mode", "elastic" },
                    };
                    var unknown = Unknown("arn", "availability_zone_id", "creation_token", "dns_name", "id", "name", "number_of_mount_targets", "owner_id", "protection", "size_in_bytes");
                    unknown.Add("lifecycle_policy", List());
                    var expressions = new Obj { { "encrypted", Constant(encrypted) } };
                    if (r.Protection is Protection.AwsManaged or Protection.Unencrypted)
                    {
                        unknown.Add("kms_key_id", true); // optional and computed, not configured
                    }
                    else
                    {
                        AddKey(r, "kms_key_id", after, unknown, expressions);
                    }

                    expressions.Add("performance_mode", Constant("generalPurpose"));
                    expressions.Add("tags", Constant(tags));
                    expressions.Add("throughput_mode", Constant("elastic"));
                    yield return new Block("aws_efs_file_system", name, after, WithTags(unknown), expressions);
                    break;
                }

            case Store.LogGroup:
                {
                    var group = $"/acme/{r.Team ?? "shared"}/logs-{r.Suffix}";
                    var after = new Obj { { "log_group_class", "STANDARD" }, { "name", group }, { "retention_in_days", 365 }, { "skip_destroy", false } };
                    var unknown = Unknown("arn", "id", "name_prefix");
                    var expressions = new Obj { { "name", Constant(group) }, { "retention_in_days", Constant(365) } };
                    if (r.Protection == Protection.ServiceDefault)
                    {
                        after.Add("kms_key_id", null);
                    }
                    else
                    {
                        AddKey(r, "kms_key_id", after, unknown, expressions, forceArn: true);
                    }

                    after.Add("tags", tags);
                    after.Add("tags_all", tags);
                    expressions.Add("tags", Constant(tags));
                    yield return new Block("aws_cloudwatch_log_group", name, after, WithTags(unknown), expressions);
                    break;
                }

            case Store.Trail:
                {
                    var trail = $"acme-{r.Team ?? "shared"}-trail-{r.Suffix}";
                    var after = new Obj
                    {
                        { "advanced_event_selector", List() }, { "cloud_watch_logs_group_arn", null }, { "cloud_watch_logs_role_arn", null },
                        { "enable_log_file_validation", true }, { "enable_logging", true }, { "event_selector", List() }, { "include_global_service_events", true },
                        { "insight_selector", List() }, { "is_multi_region_trail", true }, { "is_organization_trail", false }, { "name", trail },
                        { "s3_bucket_name", $"acme-cloudtrail-logs-{r.Suffix}-{InputModel.Account}" }, { "s3_key_prefix", null }, { "sns_topic_name", null },
                        { "tags", tags }, { "tags_all", tags },
                    };
                    var unknown = Unknown("arn", "home_region", "id", "sns_topic_arn");
                    unknown.Add("advanced_event_selector", List());
                    unknown.Add("event_selector", List());
                    unknown.Add("insight_selector", List());
                    var expressions = new Obj { { "enable_log_file_validation", Constant(true) }, { "is_multi_region_trail", Constant(true) }, { "name", Constant(trail) } };
                    if (r.Protection == Protection.ServiceDefault)
                    {
                        after.Add("kms_key_id", null);
                    }
                    else
                    {
                        AddKey(r, "kms_key_id", after, unknown, expressions, forceArn: true);
                    }

                    expressions.Add("tags", Constant(tags));
                    yield return new Block("aws_cloudtrail", name, after, WithTags(unknown), expressions);
                    break;
                }
        }
    }

    private static Block Key(GeneratedResource r, Obj tags)
    {
        var key = r.Key!;
        var description = key.Tier ? $"Acme {key.Name} data key" : $"{key.Team} team key {key.Name}";
        var after = new Obj
        {
            { "bypass_policy_lockout_safety_check", false }, { "custom_key_store_id", null }, { "customer_master_key_spec", "SYMMETRIC_DEFAULT" },
            { "deletion_window_in_days", 30 }, { "description", description }, { "enable_key_rotation", key.Rotation }, { "is_enabled", true },
            { "key_usage", "ENCRYPT_DECRYPT" }, { "multi_region", false },
        };
        var unknown = Unknown("arn", "id", "key_id", "policy");
        var expressions = new Obj
        {
            { "customer_master_key_spec", Constant("SYMMETRIC_DEFAULT") },
            { "deletion_window_in_days", References("var.environment") },
            { "description", Constant(description) },
            { "enable_key_rotation", Constant(key.Rotation) },
            { "multi_region", Constant(false) },
        };
        if (key.Rotation && key.PeriodDays is { } days)
        {
            after.Add("rotation_period_in_days", days);
            expressions.Add("rotation_period_in_days", Constant(days));
        }
        else
        {
            unknown.Add("rotation_period_in_days", true);
        }

        after.Add("tags", tags);
        after.Add("tags_all", tags);
        after.Add("timeouts", null);
        after.Add("xks_key_id", null);
        expressions.Add("tags", Constant(tags));
        return new Block("aws_kms_key", key.TerraformName, after, WithTags(unknown), expressions);
    }

    private static Block BucketEncryption(GeneratedResource r, string name)
    {
        var algorithm = r.Protection == Protection.ServiceDefault ? "AES256" : "aws:kms";
        var byDefault = new Obj();
        var byDefaultUnknown = new Obj();
        var byDefaultExpressions = new Obj();
        if (r.Protection == Protection.AwsManaged)
        {
            byDefault.Add("kms_master_key_id", "alias/aws/s3");
            byDefaultExpressions.Add("kms_master_key_id", Constant("alias/aws/s3"));
        }
        else if (r.Protection != Protection.ServiceDefault)
        {
            AddKey(r, "kms_master_key_id", byDefault, byDefaultUnknown, byDefaultExpressions);
        }

        byDefault.Add("sse_algorithm", algorithm);
        byDefaultExpressions.Add("sse_algorithm", Constant(algorithm));
        var bucketKey = algorithm == "aws:kms";
        return new Block(
            "aws_s3_bucket_server_side_encryption_configuration",
            name,
            new Obj { { "expected_bucket_owner", null }, { "rule", List(new Obj { { "apply_server_side_encryption_by_default", List(byDefault) }, { "bucket_key_enabled", bucketKey } }) } },
            new Obj { { "bucket", true }, { "id", true }, { "rule", List(new Obj { { "apply_server_side_encryption_by_default", List(byDefaultUnknown) } }) } },
            new Obj
            {
                { "bucket", References($"aws_s3_bucket.{name}.id", $"aws_s3_bucket.{name}") },
                { "rule", List(new Obj { { "apply_server_side_encryption_by_default", List(byDefaultExpressions) }, { "bucket_key_enabled", Constant(bucketKey) } }) },
            });
    }

    private static Block Database(GeneratedResource r, string name, Obj tags)
    {
        var postgres = r.Hash(2) % 2 == 0;
        var identifier = $"acme-{r.Team ?? "shared"}-db-{r.Suffix}";
        var encrypted = r.Protection != Protection.Unencrypted;
        var after = new Obj
        {
            { "allocated_storage", 20 }, { "allow_major_version_upgrade", null }, { "apply_immediately", false }, { "auto_minor_version_upgrade", true },
            { "backup_retention_period", 35 }, { "blue_green_update", List() }, { "copy_tags_to_snapshot", false }, { "customer_owned_ip_enabled", null },
            { "db_subnet_group_name", "acme-data-private" }, { "dedicated_log_volume", false }, { "delete_automated_backups", true }, { "deletion_protection", null },
            { "domain", null }, { "domain_iam_role_name", null }, { "enabled_cloudwatch_logs_exports", null }, { "engine", postgres ? "postgres" : "mysql" },
            { "engine_version", postgres ? "16.3" : "8.0.39" }, { "final_snapshot_identifier", identifier + "-final" }, { "iam_database_authentication_enabled", null },
            { "identifier", identifier }, { "instance_class", "db.t4g.micro" }, { "manage_master_user_password", true }, { "max_allocated_storage", null },
            { "monitoring_interval", 0 }, { "password", null }, { "performance_insights_enabled", false }, { "publicly_accessible", false },
            { "replicate_source_db", null }, { "restore_to_point_in_time", List() }, { "s3_import", List() }, { "skip_final_snapshot", false },
            { "snapshot_identifier", null }, { "storage_encrypted", encrypted }, { "storage_type", "gp3" }, { "tags", tags }, { "tags_all", tags },
            { "timeouts", null }, { "upgrade_storage_config", null }, { "username", "dbadmin" },
        };
        var unknown = Unknown(
            "address", "arn", "availability_zone", "backup_target", "backup_window", "ca_cert_identifier", "character_set_name", "db_name", "domain_auth_secret_arn",
            "domain_dns_ips", "domain_fqdn", "domain_ou", "endpoint", "engine_version_actual", "hosted_zone_id", "id", "identifier_prefix", "iops",
            "latest_restorable_time", "license_model", "listener_endpoint", "maintenance_window", "master_user_secret", "master_user_secret_kms_key_id",
            "monitoring_role_arn", "multi_az", "nchar_character_set_name", "network_type", "option_group_name", "parameter_group_name",
            "performance_insights_kms_key_id", "performance_insights_retention_period", "port", "replica_mode", "replicas", "resource_id", "status",
            "storage_throughput", "timezone", "vpc_security_group_ids");
        unknown.Add("blue_green_update", List());
        unknown.Add("restore_to_point_in_time", List());
        unknown.Add("s3_import", List());
        var expressions = new Obj
        {
            { "allocated_storage", Constant(20) },
            { "backup_retention_period", References("var.environment") },
            { "db_subnet_group_name", References("var.db_subnet_group_name") },
            { "engine", Constant(postgres ? "postgres" : "mysql") },
            { "engine_version", Constant(postgres ? "16.3" : "8.0.39") },
            { "final_snapshot_identifier", Constant(identifier + "-final") },
            { "identifier", Constant(identifier) },
            { "instance_class", Constant("db.t4g.micro") },
            { "manage_master_user_password", Constant(true) },
            { "publicly_accessible", Constant(false) },
            { "storage_encrypted", Constant(encrypted) },
            { "storage_type", Constant("gp3") },
        };
        if (r.Protection is Protection.AwsManaged or Protection.Unencrypted)
        {
            unknown.Add("kms_key_id", true); // optional and computed, not configured
        }
        else
        {
            AddKey(r, "kms_key_id", after, unknown, expressions);
        }

        expressions.Add("tags", Constant(tags));
        expressions.Add("username", Constant("dbadmin"));
        return new Block("aws_db_instance", name, after, WithTags(unknown), expressions, SchemaVersion: 2);
    }

    private static Block Table(GeneratedResource r, string name, Obj tags)
    {
        var table = $"acme-{r.Team ?? "shared"}-table-{r.Suffix}";
        var after = new Obj
        {
            { "attribute", List(new Obj { { "name", "pk" }, { "type", "S" } }) }, { "billing_mode", "PAY_PER_REQUEST" }, { "deletion_protection_enabled", null },
            { "global_secondary_index", List() }, { "hash_key", "pk" }, { "import_table", List() }, { "local_secondary_index", List() }, { "name", table },
            { "range_key", null }, { "replica", List() }, { "restore_date_time", null }, { "restore_source_name", null }, { "restore_source_table_arn", null },
            { "restore_to_latest_time", null },
        };
        var unknown = Unknown("arn", "id", "on_demand_throughput", "point_in_time_recovery", "read_capacity", "stream_arn", "stream_label", "stream_view_type", "ttl", "write_capacity");
        unknown.Add("attribute", List(Empty()));
        unknown.Add("global_secondary_index", List());
        unknown.Add("import_table", List());
        unknown.Add("local_secondary_index", List());
        unknown.Add("replica", List());
        var expressions = new Obj
        {
            { "attribute", List(new Obj { { "name", Constant("pk") }, { "type", Constant("S") } }) },
            { "billing_mode", Constant("PAY_PER_REQUEST") },
            { "hash_key", Constant("pk") },
            { "name", Constant(table) },
        };
        if (r.Protection == Protection.ServiceDefault)
        {
            unknown.Add("server_side_encryption", true);
        }
        else
        {
            var sse = new Obj { { "enabled", true } };
            var sseUnknown = new Obj();
            var sseExpressions = new Obj { { "enabled", Constant(true) } };
            if (r.Protection == Protection.AwsManaged)
            {
                sseUnknown.Add("kms_key_arn", true); // computed, not configured: the AWS managed key
            }
            else
            {
                AddKey(r, "kms_key_arn", sse, sseUnknown, sseExpressions, forceArn: true);
            }

            after.Add("server_side_encryption", List(sse));
            unknown.Add("server_side_encryption", List(sseUnknown));
            expressions.Add("server_side_encryption", List(sseExpressions));
        }

        after.Add("stream_enabled", null);
        after.Add("table_class", null);
        after.Add("tags", tags);
        after.Add("tags_all", tags);
        after.Add("timeouts", null);
        expressions.Add("tags", Constant(tags));
        return new Block("aws_dynamodb_table", name, after, WithTags(unknown), expressions, SchemaVersion: 1);
    }

    /// <summary>
    /// A key attribute: known in <c>after</c> when the configuration gives the alias name, else unknown until apply
    /// with a configuration reference to the key (by ARN or key ID), to its alias, or to a data source.
    /// </summary>
    private static void AddKey(GeneratedResource r, string attribute, Obj after, Obj unknown, Obj expressions, bool forceArn = false)
    {
        if (r.Protection == Protection.Unknown)
        {
            unknown.Add(attribute, true);
            expressions.Add(attribute, new Obj { { "references", s_sharedKey } });
            return;
        }

        var key = r.Key!;
        if (r.Style == KeyStyle.AliasName)
        {
            var alias = forceArn ? key.AliasArn : key.AliasName;
            after.Add(attribute, alias);
            expressions.Add(attribute, Constant(alias));
            return;
        }

        unknown.Add(attribute, true);
        expressions.Add(attribute, r.Style switch
        {
            KeyStyle.KeyId when !forceArn => References($"aws_kms_key.{key.TerraformName}.key_id", $"aws_kms_key.{key.TerraformName}"),
            KeyStyle.AliasResource => References($"aws_kms_alias.{key.TerraformName}.arn", $"aws_kms_alias.{key.TerraformName}"),
            _ => References($"aws_kms_key.{key.TerraformName}.arn", $"aws_kms_key.{key.TerraformName}"),
        });
    }

    private static Obj Tags(GeneratedResource r)
    {
        var tags = new Obj();
        foreach (var (key, value) in r.Tags().OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            tags.Add(key, value);
        }

        return tags;
    }

    private static Obj Unknown(params string[] attributes)
    {
        var unknown = new Obj();
        foreach (var attribute in attributes)
        {
            unknown.Add(attribute, true);
        }

        return unknown;
    }

    /// <summary>Adds the empty <c>tags</c>/<c>tags_all</c> entries and sorts the keys, as Terraform writes them.</summary>
    private static Obj WithTags(Obj unknown)
    {
        unknown.Add("tags", Empty());
        unknown.Add("tags_all", Empty());
        var sorted = new Obj();
        sorted.AddRange(unknown.OrderBy(e => e.Key, StringComparer.Ordinal));
        return sorted;
    }

    private static Obj Constant(object? value) => new() { { "constant_value", value } };

    private static Obj References(params string[] references) => new() { { "references", references.Cast<object?>().ToArray() } };
}
