using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sec08Policy.Compiler.Emit.Config;
using Sec08Policy.Compiler.Emit.Json;

namespace Sec08Policy.Compiler.Emit.Deploy;

/// <summary>
/// <c>main.tf.json</c>: the same keys, aliases, IAM policies, SCPs and alerts as Terraform JSON for the AWS provider. Policy
/// documents are strings, with <c>${</c> written as <c>$${</c> so Terraform keeps IAM policy variables literal.
/// </summary>
internal static class TerraformEmitter
{
    private static readonly JsonSerializerOptions s_options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Artifact Emit(EmitContext context, BuildDocuments documents, ComplianceAlerts? alerts)
    {
        var resource = new JsonObject();
        var keys = new JsonObject();
        var external = new JsonObject();
        var replicas = new JsonObject();
        var externalReplicas = new JsonObject();
        var aliases = new JsonObject();
        foreach (var (key, document) in DeployedKeys.WithPolicies(context, documents))
        {
            // Imported key material is its own resource type, without rotation or a key spec of KMS's choosing.
            var imported = DeployedKeys.Imported(key);
            var type = imported ? "aws_kms_external_key" : "aws_kms_key";
            var properties = new JsonObject { ["description"] = DeployedKeys.Description(key) };
            if (!imported)
            {
                properties["key_usage"] = DeployedKeys.Usage(key);
                properties["customer_master_key_spec"] = key.Spec;
                properties["enable_key_rotation"] = key.RotationDays is not null;
            }

            if (key.RotationDays is { } rotation)
            {
                properties["rotation_period_in_days"] = rotation;
            }

            if (key.DeletionWindowDays is { } window)
            {
                properties["deletion_window_in_days"] = window;
            }

            properties["multi_region"] = key.MultiRegion;
            properties["policy"] = Literal(PolicyJson.Minified(document.Document));
            (imported ? external : keys)[key.Name] = properties;
            if (key.Alias is not null)
            {
                aliases[key.Name] = new JsonObject { ["name"] = key.Alias, ["target_key_id"] = $"${{{type}.{key.Name}.key_id}}" };
            }

            foreach (var region in key.ReplicaRegions)
            {
                // AWS provider 6 places a resource in another Region with its `region` argument.
                var name = $"{key.Name}_{DeployedKeys.RegionName(region, pascal: false)}";
                var replica = new JsonObject
                {
                    ["description"] = DeployedKeys.ReplicaDescription(key, region),
                    ["primary_key_arn"] = $"${{{type}.{key.Name}.arn}}",
                };
                if (key.DeletionWindowDays is { } replicaWindow)
                {
                    replica["deletion_window_in_days"] = replicaWindow;
                }

                replica["policy"] = Literal(PolicyJson.Minified(document.Document));
                replica["region"] = region;
                var replicaType = imported ? "aws_kms_replica_external_key" : "aws_kms_replica_key";
                (imported ? externalReplicas : replicas)[name] = replica;
                if (key.Alias is not null)
                {
                    aliases[name] = new JsonObject { ["name"] = key.Alias, ["region"] = region, ["target_key_id"] = $"${{{replicaType}.{name}.key_id}}" };
                }
            }
        }

        Add(resource, "aws_kms_key", keys);
        Add(resource, "aws_kms_external_key", external);
        Add(resource, "aws_kms_replica_key", replicas);
        Add(resource, "aws_kms_replica_external_key", externalReplicas);
        Add(resource, "aws_kms_alias", aliases);

        var policies = new JsonObject();
        foreach (var policy in documents.IdentityPolicies)
        {
            policies[policy.Name] = new JsonObject
            {
                ["name"] = $"sec08-{policy.Name}",
                ["description"] = DeployedKeys.AccessRuleDescription(policy.Name),
                ["policy"] = Literal(PolicyJson.Minified(policy.Document)),
            };
        }

        Add(resource, "aws_iam_policy", policies);

        var scps = new JsonObject();
        var attachments = new JsonObject();
        foreach (var (scp, index) in documents.ServiceControlPolicies.Select((s, i) => (s, i)))
        {
            var name = $"scp_{index + 1}";
            scps[name] = new JsonObject
            {
                ["name"] = scp.Name,
                ["description"] = DeployedKeys.ScpDescription,
                ["type"] = "SERVICE_CONTROL_POLICY",
                ["content"] = Literal(PolicyJson.Minified(scp.Document)),
            };
            attachments[name] = new JsonObject
            {
                ["for_each"] = "${toset(var.scp_target_ids)}",
                ["policy_id"] = $"${{aws_organizations_policy.{name}.id}}",
                ["target_id"] = "${each.value}",
            };
        }

        foreach (var (rcp, index) in documents.ResourceControlPolicies.Select((s, i) => (s, i)))
        {
            var name = $"rcp_{index + 1}";
            scps[name] = new JsonObject
            {
                ["name"] = rcp.Name,
                ["description"] = DeployedKeys.RcpDescription,
                ["type"] = "RESOURCE_CONTROL_POLICY",
                ["content"] = Literal(PolicyJson.Minified(rcp.Document)),
            };
            attachments[name] = new JsonObject
            {
                ["for_each"] = "${toset(var.rcp_target_ids)}",
                ["policy_id"] = $"${{aws_organizations_policy.{name}.id}}",
                ["target_id"] = "${each.value}",
            };
        }

        Add(resource, "aws_organizations_policy", scps);
        Add(resource, "aws_organizations_policy_attachment", attachments);

        var variables = new JsonObject();
        if (!documents.ServiceControlPolicies.IsEmpty)
        {
            variables["scp_target_ids"] = new JsonObject
            {
                ["type"] = "list(string)",
                ["description"] = DeployedKeys.TargetsDescription,
            };
        }

        if (!documents.ResourceControlPolicies.IsEmpty)
        {
            variables["rcp_target_ids"] = new JsonObject
            {
                ["type"] = "list(string)",
                ["description"] = DeployedKeys.RcpTargetsDescription,
            };
        }

        alerts?.AddTo(variables, resource);
        var root = new JsonObject();
        if (variables.Count > 0)
        {
            root["variable"] = variables;
        }

        root["resource"] = resource;
        return new Artifact("main.tf.json", root.ToJsonString(s_options).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
    }

    private static void Add(JsonObject resource, string type, JsonObject instances)
    {
        if (instances.Count > 0)
        {
            resource[type] = instances;
        }
    }

    /// <summary>Terraform interpolates <c>${...}</c> inside strings; <c>$${</c> is its escape for a literal <c>${</c>.</summary>
    internal static string Literal(string text) => text.Replace("${", "$${", StringComparison.Ordinal);
}
