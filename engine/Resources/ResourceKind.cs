namespace Sec08Policy.Engine.Resources;

/// <summary>What a resource is to sec08; which type it is, and what it says about encryption, is in its catalogue entry.</summary>
public enum ResourceKind
{
    /// <summary>A type sec08 does not check; its rules are not applicable.</summary>
    Unsupported,

    /// <summary>A type that holds data, and so has an encryption state.</summary>
    DataStore,

    KmsKey,

    KmsAlias,

    /// <summary>An account setting (EBS encryption by default): not a resource that carries tags or holds data.</summary>
    AccountSetting,
}
