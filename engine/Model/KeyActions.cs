using System.Collections.Immutable;

namespace Sec08Policy.Engine.Model;

/// <summary>
/// The KMS actions a key declaration grants, as the language defines them and the key policy writes them: what
/// <c>administrators</c> may do, what <c>users</c> may do, and which uses <c>usable via</c> and
/// <c>encryption context</c> restrict.
/// </summary>
public static class KeyActions
{
    /// <summary>Managing the key without using it, after the console's key administrator statement.</summary>
    public static ImmutableArray<string> Administration { get; } =
    [
        "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
        "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion",
        "kms:CancelKeyDeletion",
    ];

    /// <summary>What administrators of a multi-Region key may do in addition.</summary>
    public static ImmutableArray<string> MultiRegionAdministration { get; } = ["kms:ReplicateKey", "kms:UpdatePrimaryRegion"];

    /// <summary>The cryptographic operations of a symmetric encryption key.</summary>
    public static ImmutableArray<string> Cryptographic { get; } = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"];

    public const string DescribeKey = "kms:DescribeKey";

    /// <summary>What users may do so that AWS services attach the key to resources (only with <c>kms:GrantIsForAWSResource</c>).</summary>
    public static ImmutableArray<string> PersistentResourceGrants { get; } = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"];
}
