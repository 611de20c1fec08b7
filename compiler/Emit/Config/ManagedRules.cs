using System.Collections.Immutable;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Compiler.Emit.Config;

/// <summary>
/// AWS managed Config rules that decide exactly what a sec08 check decides for some resource types, used instead of a
/// Guard rule for those types when the clause covers every level (a managed rule cannot read the classification tag).
/// Each entry cites the rule's page; <see cref="Considered"/> records those that were not exact, and why.
/// </summary>
internal static class ManagedRules
{
    public static ImmutableArray<ManagedRule> Exact { get; } =
    [
        new("RDS_STORAGE_ENCRYPTED", "rds-storage-encrypted", ["AWS::RDS::DBInstance"], p => p is EncryptedPredicate,
            "NON_COMPLIANT when storage encryption is off, as sec08 decides `encrypted` from storageEncrypted",
            "https://docs.aws.amazon.com/config/latest/developerguide/rds-storage-encrypted.html"),
        new("RDS_SNAPSHOT_ENCRYPTED", "rds-snapshot-encrypted", ["AWS::RDS::DBSnapshot", "AWS::RDS::DBClusterSnapshot"], p => p is EncryptedPredicate,
            "NON_COMPLIANT when a DB snapshot or DB cluster snapshot is not encrypted",
            "https://docs.aws.amazon.com/config/latest/developerguide/rds-snapshot-encrypted.html"),
        new("SNS_ENCRYPTED_KMS", "sns-encrypted-kms", ["AWS::SNS::Topic"], p => p is EncryptedPredicate,
            "NON_COMPLIANT when the topic has no KmsMasterKeyId; sec08 counts only a KMS key as SNS encryption",
            "https://docs.aws.amazon.com/config/latest/developerguide/sns-encrypted-kms.html"),
        new("CMK_BACKING_KEY_ROTATION_ENABLED", "cmk-backing-key-rotation-enabled", ["AWS::KMS::Key"], p => p is KeyRotationPredicate { MaxDays: null },
            "NON_COMPLIANT when automatic rotation of a customer managed key is off",
            "https://docs.aws.amazon.com/config/latest/developerguide/cmk-backing-key-rotation-enabled.html"),
    ];

    /// <summary>Managed rules that look alike but decide something else; the manifest says why they were not used.</summary>
    public static ImmutableArray<(string Identifier, string Type, Func<Predicate, bool> Check, string Why)> Considered { get; } =
    [
        ("ENCRYPTED_VOLUMES", "AWS::EC2::Volume", p => p is EncryptedPredicate, "evaluates attached volumes only, and sec08 checks every volume"),
        ("DYNAMODB_TABLE_ENCRYPTION_ENABLED", "AWS::DynamoDB::Table", p => p is EncryptedPredicate, "is NON_COMPLIANT for tables under the AWS owned key, which sec08 counts as encrypted"),
    ];
}

/// <summary>An AWS managed rule: its identifier, a name suffix, the resource types it covers, and the checks it decides alike.</summary>
internal sealed record ManagedRule(string Identifier, string Suffix, ImmutableArray<string> Types, Func<Predicate, bool> Decides, string Why, string Source);
