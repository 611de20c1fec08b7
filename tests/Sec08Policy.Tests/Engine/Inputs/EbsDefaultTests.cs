using System.Text;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Tests.Engine.Inputs;

/// <summary>
/// EBS encryption by default decides a volume's encryption only where the input leaves it to deployment; a value that
/// could not be read stays Unknown, whatever the account's default.
/// </summary>
public class EbsDefaultTests
{
    private const string Template = """
        {
          "Parameters": { "Encrypt": { "Type": "String" } },
          "Resources": {
            "Unset": { "Type": "AWS::EC2::Volume", "Properties": { "Size": 10 } },
            "Parameter": { "Type": "AWS::EC2::Volume", "Properties": { "Encrypted": { "Ref": "Encrypt" } } },
            "WrongShape": { "Type": "AWS::EC2::Volume", "Properties": { "Encrypted": [true] } },
            "Plain": { "Type": "AWS::EC2::Volume", "Properties": { "Encrypted": false } },
            "Copies": { "Type": "AWS::DLM::LifecyclePolicy", "Properties": { "PolicyDetails": { "Schedules": [
              { "CrossRegionCopyRules": [{ "Encrypted": { "Ref": "Encrypt" } }] },
              { "CrossRegionCopyRules": [{ "Encrypted": { "Enabled": true } }] } ] } } }
          }
        }
        """;

    private static string Inventory(bool on) => $$"""
        {
          "format": "sec08-inventory/1",
          "resources": [
            { "type": "AWS::EC2::EBSEncryptionByDefault", "id": "default", "arn": null, "account": "111122223333",
              "region": "eu-west-1", "tags": {}, "ebsEncryptionByDefault": {{(on ? "true" : "false")}} }
          ],
          "errors": []
        }
        """;

    private static Dictionary<string, EncryptionState> Resolve(bool on)
    {
        var template = InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(Template)), "t.json").Resources;
        var inventory = InputLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(Inventory(on))), "inventory.json").Resources;
        return InputSetResolver.Resolve([.. inventory, .. template])
            .Where(r => r.Encryption is not null)
            .ToDictionary(r => r.Id.Split('/')[^1], r => r.Encryption!);
    }

    [Test]
    public void EbsDefaultOn_EncryptsWhatDeploymentDecides_AndLeavesWhatCouldNotBeReadUnknown()
    {
        var on = Resolve(on: true);

        Assert.That(on["Unset"].Enabled.Value, Is.True, "not set: the default encrypts it");
        Assert.That(on["Unset"].KeyReference.Value, Is.EqualTo("alias/aws/ebs"));
        Assert.That(on["Parameter"].Enabled.Value, Is.True, "a parameter: whatever it turns out to be, the default encrypts it");
        Assert.That(on["WrongShape"].Enabled.IsKnown, Is.False, "a list where a Boolean belongs is not read as anything");
        Assert.That(on["WrongShape"].Enabled.UnknownReason, Does.Contain("Encrypted"));
        Assert.That(on["Plain"].Enabled.Value, Is.False, "an explicit false is what the template says");
        Assert.That(on["Copies"].Enabled.IsKnown, Is.False, "one copy rule of the wrong shape keeps the policy Unknown");
    }

    [Test]
    public void EbsDefault_OfOneAccountAndRegion_DecidesOnlyTheVolumesThere()
    {
        // A collection over accounts and Regions holds one setting each: a volume follows its own.
        static Resource Setting(string account, string region, bool on) => new()
        {
            Type = "AWS::EC2::EBSEncryptionByDefault",
            Entry = ResourceCatalog.Default.Find("AWS::EC2::EBSEncryptionByDefault"),
            Id = $"{account}/{region}",
            Position = new SourcePosition("inventory.json", 1, 1, "/0"),
            Account = Fact<string?>.Known(account),
            Region = Fact<string?>.Known(region),
            EbsEncryptionByDefault = Fact<bool>.Known(on),
        };
        static Resource Volume(string id, string? account, string? region) => new()
        {
            Type = "AWS::EC2::LaunchTemplate",
            Entry = ResourceCatalog.Default.Find("AWS::EC2::LaunchTemplate"),
            Id = id,
            Position = new SourcePosition("inventory.json", 1, 1, "/1"),
            Account = account is null ? Fact<string?>.Unknown("not said") : Fact<string?>.Known(account),
            Region = region is null ? Fact<string?>.Unknown("not said") : Fact<string?>.Known(region),
            Encryption = EncryptionState.Unknown("left to deployment") with { LeftToDeployment = true },
        };

        var resolved = InputSetResolver.Resolve([
            Setting("111111111111", "eu-west-1", on: true),
            Setting("222222222222", "eu-west-1", on: false),
            Setting("111111111111", "us-east-1", on: true),
            Volume("a-ireland", "111111111111", "eu-west-1"),
            Volume("b-ireland", "222222222222", "eu-west-1"),
            Volume("a-anywhere", "111111111111", null),
            Volume("anyone-ireland", null, "eu-west-1"),
            Volume("c-ireland", "333333333333", "eu-west-1"),
        ]).Where(r => r.Encryption is not null).ToDictionary(r => r.Id, r => r.Encryption!.Enabled);

        Assert.That(resolved["a-ireland"].Value, Is.True, "its own account and Region have it on");
        Assert.That(resolved["b-ireland"].IsKnown, Is.False, "its own account has it off, whatever another account does");
        Assert.That(resolved["a-anywhere"].Value, Is.True, "on in every Region of its account the inputs show");
        Assert.That(resolved["anyone-ireland"].IsKnown, Is.False, "one account of its Region has it off");
        Assert.That(resolved["c-ireland"].IsKnown, Is.False, "no setting of its account is among the inputs");
    }

    [Test]
    public void EbsDefaultOff_LeavesWhatDeploymentDecidesUnknown()
    {
        var off = Resolve(on: false);

        Assert.That(off["Unset"].Enabled.IsKnown, Is.False);
        Assert.That(off["Parameter"].Enabled.IsKnown, Is.False);
        Assert.That(off["WrongShape"].Enabled.IsKnown, Is.False);
    }
}
