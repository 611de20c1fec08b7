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

    private static JsonObject KeyProperties(KeySpec key, JsonObject keyPolicy)
    {
        var properties = new JsonObject
        {
            ["Description"] = DeployedKeys.Description(key),
            ["KeySpec"] = "SYMMETRIC_DEFAULT",
            ["KeyUsage"] = "ENCRYPT_DECRYPT",
            ["EnableKeyRotation"] = key.RotationDays is not null,
        };
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
