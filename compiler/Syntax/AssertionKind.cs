namespace Sec08Policy.Compiler.Syntax;

public enum AssertionKind
{
    /// <summary><c>encrypted</c></summary>
    Encrypted,

    /// <summary><c>encrypted with customer_managed key</c></summary>
    EncryptedWithCustomerManagedKey,

    /// <summary><c>encrypted with key NAME</c></summary>
    EncryptedWithKey,

    /// <summary><c>key rotation enabled</c> or <c>key rotation within N days</c></summary>
    KeyRotation,

    /// <summary><c>key spec at least NAME</c> or <c>key spec NAME, ...</c></summary>
    KeySpec,

    /// <summary><c>key origin NAME, ...</c></summary>
    KeyOrigin,

    /// <summary><c>key replicated to "eu-west-1", ...</c></summary>
    KeyReplicated,

    /// <summary><c>copies encrypted</c></summary>
    CopiesEncrypted,

    /// <summary><c>copies encrypted with key NAME</c></summary>
    CopiesEncryptedWithKey,

    /// <summary><c>retention at least N days</c></summary>
    RetentionAtLeast,

    /// <summary><c>retention at most N days</c></summary>
    RetentionAtMost,

    /// <summary><c>regions "eu-west-1", ...</c></summary>
    Regions,

    /// <summary><c>tags "team", ...</c></summary>
    Tags,
}
