using System.Text;
using System.Text.Json;
using Sec08Policy.Engine.Catalog;

namespace Sec08Policy.Tests.Engine;

/// <summary>
/// The IAM catalogues are read a service at a time and an action at a time, their services found line by line where
/// the file is written one service per line: what is read must be what the whole document says.
/// </summary>
public class IamActionCatalogReadTests
{
    private static byte[] Embedded(string name)
    {
        using var stream = typeof(IamCatalog).Assembly.GetManifestResourceStream($"Sec08Policy.Engine.Catalog.{name}")!;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    [TestCase("iam-actions.json")]
    [TestCase("iam-catalog.json")]
    public void MemberLines_OfTheShippedCatalogue_AreTheExtentsAJsonReaderFinds(string name)
    {
        var bytes = Embedded(name);
        var reader = new Utf8JsonReader(bytes);
        var expected = new Dictionary<string, Range>();
        int? servicesStart = null;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            reader.Read();
            if (property != "services")
            {
                reader.Skip();
                continue;
            }

            servicesStart = (int)reader.TokenStartIndex;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var prefix = reader.GetString()!;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                expected[prefix] = start..(int)reader.BytesConsumed;
            }
        }

        var lines = MemberLines.TryRead(bytes, servicesStart!.Value);

        Assert.That(lines, Is.Not.Null, "the generator writes one service per line");
        Assert.That(lines!.Keys, Is.EqualTo(expected.Keys));
        Assert.That(expected.Count, Is.GreaterThan(400));
        foreach (var (prefix, extent) in expected)
        {
            Assert.That(lines[prefix], Is.EqualTo(extent), prefix);
        }
    }

    [TestCase("{\n  \"services\": {\n    \"s3\": {\"a\": 1},\n    \"kms\": {}\n  },\n  \"after\": 1\n}", TestName = "MemberLines_ADocumentGoingOnAfterTheObject_IsDeclined")]
    [TestCase("{\n  \"services\": {\n    \"s3\": {\n      \"a\": 1\n    }\n  }\n}", TestName = "MemberLines_AMemberOverSeveralLines_IsDeclined")]
    [TestCase("{\n  \"services\": {\n    \"s\\u0033\": {}\n  }\n}", TestName = "MemberLines_AnEscapedName_IsDeclined")]
    [TestCase("{\n  \"services\": {\"s3\": {}}\n}", TestName = "MemberLines_MembersOnTheObjectsLine_AreDeclined")]
    [TestCase("{\n  \"services\": {\n    \"s3\": {}\n", TestName = "MemberLines_AnUnclosedObject_IsDeclined")]
    public void MemberLines_OtherLayouts_AreDeclined(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var objectStart = json.IndexOf("\"services\": ", StringComparison.Ordinal) + "\"services\": ".Length;

        Assert.That(json[objectStart], Is.EqualTo('{'));
        Assert.That(MemberLines.TryRead(bytes, objectStart), Is.Null);
    }

    [Test]
    public void ActionCatalog_LaidOutOtherwise_ReadsTheSameServices()
    {
        // The same catalogue written compactly (one line) is read through the JSON reader, and answers alike.
        var bytes = Embedded("iam-actions.json");
        using var document = JsonDocument.Parse(bytes);
        var compact = JsonSerializer.SerializeToUtf8Bytes(document.RootElement);

        var lines = IamActionCatalog.Parse(bytes);
        var tokens = IamActionCatalog.Parse(compact);

        foreach (var action in new[] { "ec2:RunInstances", "s3:PutObject", "kms:CreateGrant", "rds:CreateDBInstance", "dynamodb:CreateTable" })
        {
            var a = lines.FindAction(action)!;
            var b = tokens.FindAction(action)!;
            Assert.That(a.ResourceTypes.Select(t => (t.Type.Name, t.Type.ArnPattern, string.Join(",", t.ConditionKeys))), Is.EqualTo(b.ResourceTypes.Select(t => (t.Type.Name, t.Type.ArnPattern, string.Join(",", t.ConditionKeys)))), action);
            Assert.That(a.ConditionKeys, Is.EqualTo(b.ConditionKeys), action);
        }

        Assert.That(tokens.IsResourceControlService("s3"), Is.EqualTo(lines.IsResourceControlService("s3")).And.True);
    }

    [Test]
    public void ActionCatalog_EveryActionReadOnDemand_IsWhatTheDocumentSays()
    {
        var bytes = Embedded("iam-actions.json");
        using var document = JsonDocument.Parse(bytes);
        var catalog = IamActionCatalog.Parse(bytes);
        var actions = 0;
        foreach (var service in document.RootElement.GetProperty("services").EnumerateObject())
        {
            var read = catalog.FindService(service.Name)!;
            var entries = service.Value.GetProperty("actions").EnumerateObject().ToList();
            Assert.That(read.Actions.Select(a => a.Name), Is.EqualTo(entries.Select(e => e.Name)), service.Name);
            foreach (var entry in entries)
            {
                var action = read.FindAction(entry.Name.ToUpperInvariant())!;
                var extra = entry.Value.TryGetProperty("rk", out var rk) ? rk : default;
                Assert.That(action.Name, Is.EqualTo(entry.Name), "the catalogue's spelling, whatever the case asked");
                Assert.That(action.ConditionKeys, Is.EqualTo(entry.Value.GetProperty("k").EnumerateArray().Select(k => k.GetString())), action.FullName);
                Assert.That(action.ResourceTypes.Select(t => t.Type.Name), Is.EqualTo(entry.Value.GetProperty("r").EnumerateArray().Select(r => r.GetString())), action.FullName);
                foreach (var type in action.ResourceTypes)
                {
                    var keys = extra.ValueKind == JsonValueKind.Object && extra.TryGetProperty(type.Type.Name, out var k) ? k.EnumerateArray().Select(x => x.GetString()).ToList() : [];
                    Assert.That(type.ConditionKeys, Is.EqualTo(keys), $"{action.FullName} on {type.Type.Name}");
                    Assert.That(type.Type.ArnPattern, Is.EqualTo(service.Value.GetProperty("resourceTypes").GetProperty(type.Type.Name).GetProperty("arn").GetString()));
                }

                actions++;
            }
        }

        Assert.That(actions, Is.GreaterThan(15_000));
    }

    [Test]
    public void ActionCatalog_AServiceWithTrailingContentOrAnUnknownType_IsRefused()
    {
        const string json = """{"sourceVersion":"1","dataDate":"2026-01-02","rcpServices":[],"globalKeyTypes":{},"services":{"x":{"actions":{"Go":{"r":["nope"],"k":[]}},"keyTypes":{},"resourceTypes":{}}}}""";
        var catalog = IamActionCatalog.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Throws<InvalidDataException>(() => catalog.FindAction("x:Go"));
        Assert.That(catalog.FindAction("x:Stop"), Is.Null);
    }
}
