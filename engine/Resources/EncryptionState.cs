namespace Sec08Policy.Engine.Resources;

/// <summary>
/// Encryption at rest of a data resource. <see cref="KeyReference"/> is the key as the input names it (ID, ARN,
/// alias, or an input-local reference such as a CloudFormation logical ID); <see cref="ResolvedKey"/> is the ID of
/// the key resource it names when that key is among the inputs.
/// </summary>
public sealed record EncryptionState(
    Fact<bool> Enabled,
    Fact<string?> Algorithm,
    Fact<string?> KeyReference,
    Fact<KeyManager?> KeyManager)
{
    public string? ResolvedKey { get; init; }

    /// <summary>
    /// Unknown only because the input leaves the setting to deployment (not set, or a value only deployment tells), so
    /// an account-wide default such as EBS encryption by default decides it. Never set for a value that could not be
    /// read (a live read that failed, a value of the wrong shape): those stay Unknown whatever the account does.
    /// </summary>
    public bool LeftToDeployment { get; init; }

    public static EncryptionState Unencrypted { get; } =
        new(Fact<bool>.Known(false), Fact<string?>.Known(null), Fact<string?>.Known(null), Fact<KeyManager?>.Known(null));

    public static EncryptionState Unknown(string reason) =>
        new(Fact<bool>.Unknown(reason), Fact<string?>.Unknown(reason), Fact<string?>.Unknown(reason), Fact<KeyManager?>.Unknown(reason));

    /// <summary>Encrypted by a key the service owns (SSE-S3, SSE-SQS, DynamoDB's default).</summary>
    public static EncryptionState ServiceOwned(string algorithm) =>
        new(Fact<bool>.Known(true), Fact<string?>.Known(algorithm), Fact<string?>.Known(null), Fact<KeyManager?>.Known(Resources.KeyManager.AwsOwned));

    /// <summary>Encrypted with a KMS key; the manager follows from the reference where it can (aliases under <c>alias/aws/</c>).</summary>
    public static EncryptionState Kms(Fact<string?> keyReference, string algorithm = "aws:kms", string? defaultAwsManagedAlias = null)
    {
        if (keyReference.IsKnown && keyReference.Value is null)
        {
            // No key named: the service's AWS managed key (alias/aws/<service>).
            return new(Fact<bool>.Known(true), Fact<string?>.Known(algorithm), Fact<string?>.Known(defaultAwsManagedAlias), Fact<KeyManager?>.Known(Resources.KeyManager.AwsManaged));
        }

        var manager = keyReference.IsKnown
            ? (IsAwsManagedAlias(keyReference.Value!)
                ? Fact<KeyManager?>.Known(Resources.KeyManager.AwsManaged)
                : Fact<KeyManager?>.Unknown($"key `{keyReference.Value}` is not among the inputs"))
            : Fact<KeyManager?>.Unknown(keyReference.UnknownReason!);
        return new(Fact<bool>.Known(true), Fact<string?>.Known(algorithm), keyReference, manager);
    }

    public static bool IsAwsManagedAlias(string reference) =>
        reference.StartsWith("alias/aws/", StringComparison.Ordinal) || reference.Contains(":alias/aws/", StringComparison.Ordinal);
}
