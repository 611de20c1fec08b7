using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Tests.Engine.Inputs;

/// <summary>
/// Links across accounts, as a collection over several accounts gives them: two accounts may each have an alias of the
/// same name, and each names its own account's key.
/// </summary>
public class KeyLinkerTests
{
    private static Resource Key(string account, string id, KeyManager manager, string alias) => new()
    {
        Type = "AWS::KMS::Key",
        Entry = ResourceCatalog.Default.Find("AWS::KMS::Key"),
        Id = $"arn:aws:kms:eu-west-1:{account}:key/{id}",
        Position = new SourcePosition("keys", 1, 1, "/0"),
        Arn = Fact<string?>.Known($"arn:aws:kms:eu-west-1:{account}:key/{id}"),
        Account = Fact<string?>.Known(account),
        Region = Fact<string?>.Known("eu-west-1"),
        Key = new KeyFacts(
            Fact<KeyManager>.Known(manager), Fact<string>.Known("Enabled"), Fact<bool>.Known(true), Fact<int?>.Known(null),
            Fact<bool>.Known(false), Fact<int?>.Known(null), Fact<string?>.Known(null)) { Aliases = [alias], KeyId = id },
    };

    private static Resource Volume(string? account, string id, string key) => new()
    {
        Type = "AWS::EC2::Volume",
        Entry = ResourceCatalog.Default.Find("AWS::EC2::Volume"),
        Id = id,
        Position = new SourcePosition("volumes", 1, 1, "/0"),
        Account = account is null ? Fact<string?>.Unknown("not said") : Fact<string?>.Known(account),
        Region = Fact<string?>.Known("eu-west-1"),
        Encryption = EncryptionState.Kms(Fact<string?>.Known(key)),
    };

    [Test]
    public void Link_AliasName_MeansTheKeyOfTheResourcesOwnAccount()
    {
        var linker = new KeyLinker([Key("111111111111", "a1", KeyManager.Customer, "alias/shared"), Key("222222222222", "b1", KeyManager.AwsManaged, "alias/shared")]);

        Assert.That(linker.Link(Volume("111111111111", "vol-a", "alias/shared")).Encryption!.ResolvedKey, Is.EqualTo("arn:aws:kms:eu-west-1:111111111111:key/a1"));
        Assert.That(linker.Link(Volume("222222222222", "vol-b", "alias/shared")).Encryption!.ResolvedKey, Is.EqualTo("arn:aws:kms:eu-west-1:222222222222:key/b1"));
        Assert.That(
            linker.Link(Volume("111111111111", "vol-c", "arn:aws:kms:eu-west-1:222222222222:alias/shared")).Encryption!.ResolvedKey,
            Is.EqualTo("arn:aws:kms:eu-west-1:222222222222:key/b1"),
            "an alias ARN says whose alias it is");
    }

    [Test]
    public void Link_AliasOfNoKeyInTheAccount_StaysUnresolved()
    {
        var linker = new KeyLinker([Key("222222222222", "b1", KeyManager.Customer, "alias/shared")]);

        var linked = linker.Link(Volume("111111111111", "vol-a", "alias/shared"));

        Assert.That(linked.Encryption!.ResolvedKey, Is.Null);
        Assert.That(linked.Encryption.KeyManager.IsKnown, Is.False, "another account's key of the same alias is not this one's");
    }
}
