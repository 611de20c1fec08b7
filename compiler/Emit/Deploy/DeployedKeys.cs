using Sec08Policy.Engine.Model;

namespace Sec08Policy.Compiler.Emit.Deploy;

/// <summary>What the CloudFormation and Terraform emitters deploy alike: the keys with their policies, and the texts.</summary>
internal static class DeployedKeys
{
    public const string TargetsDescription = "IDs of the organization root, OUs or accounts the service control policies attach to";

    public const string ScpDescription = "Preventive data-at-rest controls compiled by sec08";

    /// <summary>The declared keys that have a key policy, in declaration order, each with its policy.</summary>
    public static IEnumerable<(KeySpec Key, EmittedDocument Policy)> WithPolicies(EmitContext context, BuildDocuments documents)
    {
        var policies = new Dictionary<string, EmittedDocument>(StringComparer.Ordinal);
        foreach (var document in documents.KeyPolicies)
        {
            policies.TryAdd(document.Name, document);
        }

        foreach (var key in context.PolicySet.Keys)
        {
            if (policies.TryGetValue(key.Name, out var policy))
            {
                yield return (key, policy);
            }
        }
    }

    public static string Description(KeySpec key) => key.Description ?? $"Key `{key.Name}` of the data-protection policy";

    public static string AccessRuleDescription(string rule) => $"Access rule `{rule}` compiled by sec08";
}
