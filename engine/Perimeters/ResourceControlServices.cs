using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Sec08Policy.Engine.Perimeters;

/// <summary>
/// The services resource control policies restrict, and the actions a perimeter denies for each: the AWS
/// Organizations list of services that support RCPs
/// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html#rcp-supported-services),
/// as AWS's data-perimeter identity RCP names them. STS is limited to the actions on roles and sessions that RCPs can
/// restrict; every other service gets all its actions. Actions of other services in an RCP have no effect.
/// </summary>
public static class ResourceControlServices
{
    private static readonly FrozenDictionary<string, ImmutableArray<string>> s_actions = new Dictionary<string, ImmutableArray<string>>
    {
        ["aoss"] = ["aoss:*"],
        ["cognito-identity"] = ["cognito-identity:*"],
        ["cognito-idp"] = ["cognito-idp:*"],
        ["dynamodb"] = ["dynamodb:*"],
        ["ecr"] = ["ecr:*"],
        ["kms"] = ["kms:*"],
        ["logs"] = ["logs:*"],
        ["s3"] = ["s3:*"],
        ["secretsmanager"] = ["secretsmanager:*"],
        ["sqs"] = ["sqs:*"],
        ["sts"] =
        [
            "sts:AssumeRole", "sts:DecodeAuthorizationMessage", "sts:GetAccessKeyInfo", "sts:GetFederationToken",
            "sts:GetServiceBearerToken", "sts:GetSessionToken", "sts:SetContext",
        ],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The IAM prefixes, in order.</summary>
    public static ImmutableArray<string> Prefixes { get; } = [.. s_actions.Keys.Order(StringComparer.Ordinal)];

    public static bool IsSupported(string prefix) => s_actions.ContainsKey(prefix);

    /// <summary>The actions a perimeter denies for a supported service; none for another.</summary>
    public static ImmutableArray<string> Actions(string prefix) => s_actions.GetValueOrDefault(prefix, []);
}
