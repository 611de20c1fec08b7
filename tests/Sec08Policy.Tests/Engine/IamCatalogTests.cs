using Sec08Policy.Engine.Catalog;

namespace Sec08Policy.Tests.Engine;

public class IamCatalogTests
{
    [Test]
    public void Catalog_Default_HasTheActionsAndKeysThePolicyUses()
    {
        var catalog = IamCatalog.Default;

        Assert.That(catalog.DataDate, Is.EqualTo(new DateOnly(2026, 9, 23)));
        Assert.That(catalog.FindService("s3")!.HasAction("getobject"), Is.True, "action names ignore case");
        Assert.That(catalog.FindService("KMS")!.Match("GenerateDataKey*").Count(), Is.GreaterThanOrEqualTo(4));
        Assert.That(catalog.FindService("ec2")!.ConditionKeys, Does.Contain("ec2:Encrypted"));
        Assert.That(catalog.GlobalConditionKeys, Does.Contain("aws:ResourceTag/${TagKey}"));
        Assert.That(catalog.FindService("s4"), Is.Null);
    }

    [TestCase("s3:*Object", "s3:GetObject", true)]
    [TestCase("s3:Get?bject", "s3:GetObject", true)]
    [TestCase("s3:Get*", "s3:PutObject", false)]
    [TestCase("kms:*", "kms:Decrypt", true)]
    [TestCase("a*b*c", "aXbYc", true)]
    [TestCase("a*b*c", "aXbY", false)]
    public void WildcardPattern_MatchesLikeIam(string pattern, string text, bool expected)
    {
        Assert.That(WildcardPattern.IsMatch(pattern, text, ignoreCase: true), Is.EqualTo(expected));
    }
}
