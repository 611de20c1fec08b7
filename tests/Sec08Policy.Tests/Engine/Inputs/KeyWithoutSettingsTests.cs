using Sec08Policy.Tests.Infrastructure;

namespace Sec08Policy.Tests.Engine.Inputs;

/// <summary>
/// An inventory may list a KMS key by its ARN alone, without its key settings; data encrypted with it then has a key
/// whose manager is unknown, which makes the rules that depend on it Unknown, never an internal error.
/// </summary>
public class KeyWithoutSettingsTests
{
    private const string Inventory =
        """
        {
          "format": "sec08-inventory/1",
          "resources": [
            { "type": "AWS::KMS::Key", "id": "arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555",
              "arn": "arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555", "region": "eu-west-1" },
            { "type": "AWS::S3::Bucket", "id": "arn:aws:s3:::acme-ledger-exports", "arn": "arn:aws:s3:::acme-ledger-exports",
              "region": "eu-west-1", "tags": { "DataClassification": "restricted", "team": "payments" },
              "encryption": { "enabled": true, "algorithm": "aws:kms", "key": "arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555" } }
          ]
        }
        """;

    [Test]
    public void Eval_DataUnderAKeyListedWithoutItsSettings_IsUnknownForTheKeysRules()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("inventory.json"), Inventory);

        var run = CliRunner.InvokeIn(folder.Path, "eval", "--policy", RepoPaths.Policies, "--input", "inventory.json");

        Assert.That(run.Error, Does.Not.Contain("internal error"));
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Out + run.Error);
        Assert.That(run.Out, Does.Contain("is among the inputs without its key settings"));
    }
}
