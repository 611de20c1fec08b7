using System.Text;
using System.Text.Json;
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

    [Test]
    public void Catalog_ReadServiceByService_HoldsEveryServiceOfTheDocument()
    {
        // Services are read when first asked for: each must hold what the whole document says, in its order.
        using var stream = typeof(IamCatalog).Assembly.GetManifestResourceStream("Sec08Policy.Engine.Catalog.iam-catalog.json")!;
        using var document = JsonDocument.Parse(stream);
        var services = document.RootElement.GetProperty("services");
        stream.Position = 0;
        var catalog = IamCatalog.Parse(stream);

        Assert.That(catalog.ServicePrefixes.Order(StringComparer.Ordinal), Is.EqualTo(services.EnumerateObject().Select(s => s.Name).Order(StringComparer.Ordinal)));
        foreach (var service in services.EnumerateObject())
        {
            var read = catalog.FindService(service.Name)!;
            Assert.That(read.Prefix, Is.EqualTo(service.Name));
            Assert.That(read.Actions, Is.EqualTo(service.Value.GetProperty("actions").EnumerateArray().Select(a => a.GetString())), service.Name);
            Assert.That(read.ConditionKeys, Is.EqualTo(service.Value.GetProperty("conditionKeys").EnumerateArray().Select(k => k.GetString())), service.Name);
        }

        Assert.That(catalog.GlobalConditionKeys, Is.EquivalentTo(document.RootElement.GetProperty("globalConditionKeys").EnumerateArray().Select(k => k.GetString())));
        Assert.That(catalog.SourceVersion, Is.EqualTo(document.RootElement.GetProperty("sourceVersion").GetString()));
    }

    [Test]
    public void Catalog_Parse_ReadsAByteOrderMarkAndRefusesAServiceWithoutActions()
    {
        const string json = """{"sourceVersion":"1","dataDate":"2026-01-02","globalConditionKeys":["aws:SourceIp"],"services":{"s3":{"actions":["GetObject"],"conditionKeys":[]},"bad":{"conditionKeys":[]}}}""";
        var catalog = IamCatalog.Parse(new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(json)]));

        Assert.That(catalog.FindService("S3")!.Actions, Is.EqualTo(new[] { "GetObject" }));
        Assert.That(catalog.DataDate, Is.EqualTo(new DateOnly(2026, 1, 2)));
        Assert.Throws<JsonException>(() => catalog.FindService("bad"));
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
