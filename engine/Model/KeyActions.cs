using System.Collections.Immutable;
using Sec08Policy.Engine.Catalog.Resources;

namespace Sec08Policy.Engine.Model;

/// <summary>
/// The KMS actions a key declaration grants, as the language defines them and the key policy writes them: what
/// <c>administrators</c> may do, what <c>users</c> may do, and which uses <c>usable via</c> and
/// <c>encryption context</c> restrict.
/// </summary>
public static class KeyActions
{
    /// <summary>
    /// Managing the key without using it, after the console's key administrator statement, but with
    /// <c>kms:CreateAlias</c> for its <c>kms:Create*</c>: that would include <c>kms:CreateGrant</c>, with which an
    /// administrator could grant itself use of the key.
    /// </summary>
    public static ImmutableArray<string> Administration { get; } =
    [
        "kms:CreateAlias", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
        "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion",
        "kms:CancelKeyDeletion",
    ];

    /// <summary>What administrators of a multi-Region key may do in addition.</summary>
    public static ImmutableArray<string> MultiRegionAdministration { get; } = ["kms:ReplicateKey", "kms:UpdatePrimaryRegion"];

    /// <summary>The cryptographic operations of a symmetric encryption key.</summary>
    public static ImmutableArray<string> Cryptographic { get; } = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"];

    /// <summary>The cryptographic operations of an asymmetric encryption key (RSA, SM2): no data keys from it.</summary>
    public static ImmutableArray<string> AsymmetricEncryption { get; } = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GetPublicKey"];

    /// <summary>The cryptographic operations of a signing key (elliptic curves, ML-DSA).</summary>
    public static ImmutableArray<string> Signing { get; } = ["kms:Sign", "kms:Verify", "kms:GetPublicKey"];

    /// <summary>The cryptographic operations of an HMAC key.</summary>
    public static ImmutableArray<string> Mac { get; } = ["kms:GenerateMac", "kms:VerifyMac"];

    /// <summary>The cryptographic operations of every kind of key.</summary>
    public static ImmutableArray<string> EveryCryptographic { get; } = [.. Cryptographic.Concat(AsymmetricEncryption).Concat(Signing).Concat(Mac).Distinct()];

    /// <summary>
    /// What users of a key of this spec may do with it: the operations its key usage allows, as the KMS console's
    /// default key policy grants them for each kind of key (KMS Developer Guide, "Default key policy" and "Controlling
    /// access to HMAC KMS keys"). A key policy that granted Encrypt on a signing key would grant nothing usable and
    /// leave its real operations to IAM policies.
    /// </summary>
    public static ImmutableArray<string> CryptographicOf(string spec) => ResourceCatalog.Default.Keys.FindSpec(spec) switch
    {
        { Usage: "GENERATE_VERIFY_MAC" } => Mac,
        { Usage: "SIGN_VERIFY" } => Signing,
        { Family: not "symmetric" } => AsymmetricEncryption,
        _ => Cryptographic,
    };

    /// <summary>
    /// Whether keys of this spec encrypt data for AWS services: only symmetric encryption keys take an encryption
    /// context and are attached to AWS resources through grants.
    /// </summary>
    public static bool IsSymmetricEncryption(string spec) => CryptographicOf(spec) == Cryptographic;

    public const string DescribeKey = "kms:DescribeKey";

    /// <summary>What users may do so that AWS services attach the key to resources (only with <c>kms:GrantIsForAWSResource</c>).</summary>
    public static ImmutableArray<string> PersistentResourceGrants { get; } = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"];

    /// <summary>
    /// The uses <c>usable via</c> confines to its services: the key's cryptographic operations and creating grants. Not
    /// downloading an asymmetric key's public key, which is no secret and is used outside AWS.
    /// </summary>
    public static ImmutableArray<string> ViaServiceRestrictedOf(string spec) => [.. CryptographicOf(spec).Remove(GetPublicKey), "kms:CreateGrant"];

    private const string GetPublicKey = "kms:GetPublicKey";

    /// <summary>
    /// The <c>kms:ViaService</c> values of services, <c>PREFIX.*.amazonaws.com</c> with each service's IAM prefix (any
    /// Region), sorted. <c>kms</c> itself is no service a key is used through, and is left out.
    /// </summary>
    public static ImmutableArray<string> ViaServiceValues(IEnumerable<string> services) =>
        [.. services
            .Select(ResourceCatalog.Default.FindService)
            .Where(s => s is not null && s.Name != "kms")
            .Select(s => $"{s!.IamPrefix}.*.amazonaws.com")
            .Distinct()
            .Order(StringComparer.Ordinal)];

    /// <summary>The condition key that holds an encryption-context key's value.</summary>
    public static string EncryptionContextConditionKey(string contextKey) => "kms:EncryptionContext:" + contextKey;
}
