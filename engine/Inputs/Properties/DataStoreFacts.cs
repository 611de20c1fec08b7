using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Properties;

/// <summary>What one input form shows of a data store: its encryption (or why it stores nothing), its copies and its retention.</summary>
internal readonly record struct DataStoreFacts(
    EncryptionState? Encryption,
    string? NothingStored,
    EncryptionState? Copies,
    string? NothingCopied,
    RetentionFacts? Retention)
{
    public Resource ApplyTo(Resource resource) => resource with
    {
        Encryption = Encryption,
        NothingStored = NothingStored,
        Copies = Copies,
        NothingCopied = NothingCopied,
        Retention = Retention,
    };
}
