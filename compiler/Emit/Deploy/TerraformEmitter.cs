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
        var aliases = new JsonObject();
        foreach (var (key, document) in DeployedKeys.WithPolicies(context, documents))
        {
            var properties = new JsonObject
            {
                ["description"] = DeployedKeys.Description(key),
                ["key_usage"] = "ENCRYPT_DECRYPT",
                ["customer_master_key_spec"] = "SYMMETRIC_DEFAULT",
                ["enable_key_rotation"] = key.RotationDays is not null,
            };
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
            keys[key.Name] = properties;
            if (key.Alias is not null)
            {
                aliases[key.Name] = new JsonObject { ["name"] = key.Alias, ["target_key_id"] = $"${{aws_kms_key.{key.Name}.key_id}}" };
            }
        }

        Add(resource, "aws_kms_key", keys);
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

        Add(resource, "aws_organizations_policy", scps);
        Add(resource, "aws_organizations_policy_attachment", attachments);

        var variables = new JsonObject();
        if (scps.Count > 0)
        {
            variables["scp_target_ids"] = new JsonObject
            {
                ["type"] = "list(string)",
                ["description"] = DeployedKeys.TargetsDescription,
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
