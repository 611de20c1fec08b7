using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Catalog.Resources;

namespace Sec08Policy.Tests.Catalogue;

/// <summary>
/// The resource catalogue's create-like actions against the pinned Service Authorization Reference (the IAM action
/// catalogue): every action exists, every condition key an SCP is built on is one AWS puts in that action's requests (a
/// key it never sends is absent, so a `Null` Deny on it refuses every request and a `Bool` Deny none), and no action that
/// carries request tags is left to detection without saying why.
/// </summary>
public class CreateActionKeyTests
{
    private const string RequestTag = "aws:RequestTag/DataClassification";

    private static IEnumerable<TestCaseData> Actions() =>
        ResourceCatalog.Default.Services.SelectMany(s => s.Create.Select(a => new TestCaseData(s.Name, a).SetArgDisplayNames(s.Name, a.Action)));

    [TestCaseSource(nameof(Actions))]
    public void CreateAction_ConditionKeys_AreCarriedByItsRequests(string service, CreateAction action)
    {
        var details = IamActionCatalog.Default.FindAction(action.Action);

        Assert.That(details, Is.Not.Null, $"`{action.Action}` is not an IAM action");
        var keys = new[] { action.Encrypted, action.CustomerKey }.Concat(action.DisabledBy.Select(d => d.Key)).OfType<string>();
        foreach (var key in keys)
        {
            Assert.That(Carries(details!, key), Is.True, $"`{action.Action}` requests do not carry `{key}`");
        }

        var tagged = Carries(details!, RequestTag);
        if (action.Tags)
        {
            Assert.That(tagged, Is.True, $"`{action.Action}` requests carry no request tags");
        }
        else if (tagged)
        {
            Assert.That(action.TagsNote, Is.Not.Null, $"`{action.Action}` requests carry tags, yet `{service}` leaves them to detection without saying why");
        }
    }

    [Test]
    public void Guards_AreIamActions()
    {
        foreach (var guard in ResourceCatalog.Default.Services.SelectMany(s => s.Guards))
        {
            Assert.That(IamActionCatalog.Default.FindAction(guard.Action), Is.Not.Null, guard.Action);
        }
    }

    private static bool Carries(IamActionDetails action, string key) =>
        action.ListsKey(key) || action.ResourceTypes.Any(t => t.ListsKey(key));
}
