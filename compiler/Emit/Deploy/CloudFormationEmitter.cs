using System.Text.Json.Nodes;
using Sec08Policy.Compiler.Emit.Config;
using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Emit.Deploy;

/// <summary>
/// <c>cloudformation.yaml</c>: one stack that deploys the keys (with rotation, deletion window, multi-Region, key
/// policy and alias), the customer managed IAM policies, the SCPs attached to <c>ScpTargetIds</c>, and the alerts on
/// non-compliant Config evaluations.
/// </summary>
internal static class CloudFormationEmitter
{
    public static Artifact Emit(EmitContext context, BuildDocuments documents, ComplianceAlerts? alerts)
    {
        var resources = new JsonObject();
        var outputs = new JsonObject();
        foreach (var (key, document) in DeployedKeys.WithPolicies(context, documents))
        {
            var id = "Key" + SidNames.Pascal(key.Name);
            resources[id] = new JsonObject
            {
                ["Type"] = "AWS::KMS::Key",
                ["Properties"] = KeyProperties(key, JsonNodes.Of(document.Document)),
            };
            if (key.Alias is not null)
            {
                resources[id + "Alias"] = new JsonObject
                {
                    ["Type"] = "AWS::KMS::Alias",
                    ["Properties"] = new JsonObject { ["AliasName"] = key.Alias, ["TargetKeyId"] = new JsonObject { ["Ref"] = id } },
                };
            }

            outputs[id + "Arn"] = new JsonObject { ["Value"] = new JsonObject { ["Fn::GetAtt"] = JsonNodes.Strings([id, "Arn"]) } };
        }

        foreach (var policy in documents.IdentityPolicies)
        {
            resources["Policy" + SidNames.Pascal(policy.Name)] = new JsonObject
            {
                ["Type"] = "AWS::IAM::ManagedPolicy",
                ["Properties"] = new JsonObject
                {
                    ["ManagedPolicyName"] = $"sec08-{policy.Name}",
                    ["Description"] = DeployedKeys.AccessRuleDescription(policy.Name),
                    ["PolicyDocument"] = JsonNodes.Of(policy.Document),
                },
            };
        }

        var parameters = new JsonObject();
        if (!documents.ServiceControlPolicies.IsEmpty)
        {
            parameters["ScpTargetIds"] = new JsonObject
            {
                ["Type"] = "CommaDelimitedList",
                ["Description"] = DeployedKeys.TargetsDescription,
            };
        }

        foreach (var (scp, index) in documents.ServiceControlPolicies.Select((s, i) => (s, i)))
        {
            resources[$"Scp{index + 1}"] = new JsonObject
            {
                ["Type"] = "AWS::Organizations::Policy",
                ["Properties"] = new JsonObject
                {
                    ["Name"] = scp.Name,
                    ["Description"] = DeployedKeys.ScpDescription,
                    ["Type"] = "SERVICE_CONTROL_POLICY",
                    ["Content"] = JsonNodes.Of(scp.Document),
                    ["TargetIds"] = new JsonObject { ["Ref"] = "ScpTargetIds" },
                },
            };
        }

        if (!documents.ResourceControlPolicies.IsEmpty)
        {
            parameters["RcpTargetIds"] = new JsonObject
            {
                ["Type"] = "CommaDelimitedList",
                ["Description"] = DeployedKeys.RcpTargetsDescription,
            };
        }

        foreach (var (rcp, index) in documents.ResourceControlPolicies.Select((s, i) => (s, i)))
        {
            resources[$"Rcp{index + 1}"] = new JsonObject
            {
                ["Type"] = "AWS::Organizations::Policy",
                ["Properties"] = new JsonObject
                {
                    ["Name"] = rcp.Name,
                    ["Description"] = DeployedKeys.RcpDescription,
                    ["Type"] = "RESOURCE_CONTROL_POLICY",
                    ["Content"] = JsonNodes.Of(rcp.Document),
                    ["TargetIds"] = new JsonObject { ["Ref"] = "RcpTargetIds" },
                },
            };
        }

        var conditions = new JsonObject();
        alerts?.AddTo(parameters, conditions, resources, outputs);
        var template = new JsonObject
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = $"Data-at-rest controls of policy `{context.PolicySet.Name ?? "sec08"}`, compiled by sec08",
        };
        if (parameters.Count > 0)
        {
            template["Parameters"] = parameters;
        }

        if (conditions.Count > 0)
        {
            template["Conditions"] = conditions;
        }

        template["Resources"] = resources;
        if (outputs.Count > 0)
        {
            template["Outputs"] = outputs;
        }

        return new Artifact("cloudformation.yaml", YamlWriter.Write(template));
    }

    /// <summary>
    /// <c>cloudformation-replicas.yaml</c>, when a key has replica Regions: a stack creates replica keys only in its own
    /// Region, so this template is deployed once in each replica Region (as a StackSet, or stack by stack), with the
    /// primary keys' ARNs from the outputs of <c>cloudformation.yaml</c>. Each replica's condition picks its Region.
    /// </summary>
    public static Artifact? EmitReplicas(EmitContext context, BuildDocuments documents)
    {
        var replicated = DeployedKeys.WithPolicies(context, documents).Where(k => !k.Key.ReplicaRegions.IsEmpty).ToList();
        if (replicated.Count == 0)
        {
            return null;
        }

        var parameters = new JsonObject();
        var conditions = new JsonObject();
        var resources = new JsonObject();
        foreach (var (key, document) in replicated)
        {
            var id = "Key" + SidNames.Pascal(key.Name);
            parameters[id + "Arn"] = new JsonObject
            {
                ["Type"] = "String",
                ["Description"] = $"ARN of the primary key `{key.Name}` (output {id}Arn of cloudformation.yaml)",
            };
            foreach (var region in key.ReplicaRegions)
            {
                var condition = "In" + DeployedKeys.RegionName(region, pascal: true);
                conditions[condition] ??= new JsonObject { ["Fn::Equals"] = new JsonArray(new JsonObject { ["Ref"] = "AWS::Region" }, region) };
                var properties = new JsonObject
                {
                    ["Description"] = DeployedKeys.ReplicaDescription(key, region),
                    ["PrimaryKeyArn"] = new JsonObject { ["Ref"] = id + "Arn" },
                };
                if (key.DeletionWindowDays is { } window)
                {
                    properties["PendingWindowInDays"] = window;
                }

                properties["KeyPolicy"] = JsonNodes.Of(document.Document);
                var replica = id + "Replica" + DeployedKeys.RegionName(region, pascal: true);
                resources[replica] = new JsonObject { ["Type"] = "AWS::KMS::ReplicaKey", ["Condition"] = condition, ["Properties"] = properties };
                if (key.Alias is not null)
                {
                    resources[replica + "Alias"] = new JsonObject
                    {
                        ["Type"] = "AWS::KMS::Alias",
                        ["Condition"] = condition,
                        ["Properties"] = new JsonObject { ["AliasName"] = key.Alias, ["TargetKeyId"] = new JsonObject { ["Ref"] = replica } },
                    };
                }
            }
        }

        var template = new JsonObject
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = $"Multi-Region replica keys of policy `{context.PolicySet.Name ?? "sec08"}`, compiled by sec08; deploy in each replica Region",
            ["Parameters"] = parameters,
            ["Conditions"] = conditions,
            ["Resources"] = resources,
        };
        return new Artifact("cloudformation-replicas.yaml", YamlWriter.Write(template));
    }

    private static JsonObject KeyProperties(KeySpec key, JsonObject keyPolicy)
    {
        var properties = new JsonObject
        {
            ["Description"] = DeployedKeys.Description(key),
            ["KeySpec"] = key.Spec,
            ["KeyUsage"] = DeployedKeys.Usage(key),
            ["EnableKeyRotation"] = key.RotationDays is not null,
        };
        if (DeployedKeys.Imported(key))
        {
            properties["Origin"] = "EXTERNAL";
        }

        if (key.RotationDays is { } rotation)
        {
            properties["RotationPeriodInDays"] = rotation;
        }

        if (key.DeletionWindowDays is { } window)
        {
            properties["PendingWindowInDays"] = window;
        }

        properties["MultiRegion"] = key.MultiRegion;
        properties["KeyPolicy"] = keyPolicy;
        return properties;
    }
}
