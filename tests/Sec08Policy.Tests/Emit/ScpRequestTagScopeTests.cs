using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Catalog.Resources;

namespace Sec08Policy.Tests.Emit;

/// <summary>
/// An SCP statement that tests the request's tags (a required tag, a clause scoped by classification) is scoped to
/// resources whose authorization carries them. <c>ec2:RunInstances</c> is authorized on the image, subnet and security
/// group as well as the volume, and only the instance, volume and network interface carry the request's tags (the
/// Service Authorization Reference; AWS's own "Require a tag on specified created resources" SCP example lists
/// <c>instance/*</c> and <c>volume/*</c>): a Deny on a missing tag over <c>"Resource": "*"</c> would refuse every launch.
/// </summary>
public class ScpRequestTagScopeTests
{
    private static readonly ResourceCatalog s_catalog = ResourceCatalog.Default;

    [TestCase("tags \"team\"")]
    [TestCase("classification >= confidential: encrypted")]
    [TestCase("classification >= confidential: encrypted with customer_managed key")]
    [TestCase("classification >= confidential: regions \"eu-west-1\"")]
    [TestCase("classification == internal: encrypted")]
    public void Statements_TestRequestTagsOnlyWhereTheRequestCarriesThem(string assertion)
    {
        var statements = Build(assertion);
        var tagged = statements.Where(s => s.ConditionKeys.Any(k => k.StartsWith("aws:RequestTag/", StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.That(tagged, Is.Not.Empty, "the requirement tests the request's tags somewhere");

        foreach (var (sid, actions, resources, _) in tagged)
        {
            foreach (var details in actions.Select(a => IamActionCatalog.Default.FindAction(a)!).Where(d => d.RequestTagsPerResourceType))
            {
                foreach (var resource in resources)
                {
                    var type = details.ResourceTypeOf(resource.Replace("*", "x", StringComparison.Ordinal));
                    Assert.That(type is not null && details.CarriesRequestTags(type), Is.True,
                        $"{sid}: {details.FullName} on {resource} is authorized where the request's tags are absent");
                }
            }
        }
    }

    [Test]
    public void RequiredTag_OnLaunchedVolumes_IsScopedToTheVolume()
    {
        var statements = Build("tags \"team\"");

        var launch = statements.Single(s => s.Actions.Contains("ec2:RunInstances"));
        Assert.That(launch.Resources, Is.EqualTo(new[] { "arn:aws:ec2:*:*:volume/*" }));
        var snapshots = statements.Single(s => s.Actions.Contains("ec2:CreateSnapshot"));
        Assert.That(snapshots.Resources, Is.EqualTo(new[] { "arn:aws:ec2:*::snapshot/*" }));
        Assert.That(statements.Select(s => s.Sid), Is.Unique);
    }

    [Test]
    public void Catalogue_NamesWhatEachActionCreates_WhereOnlySomeResourcesCarryTheRequestsTags()
    {
        foreach (var action in s_catalog.Services.SelectMany(s => s.Create).Where(a => a.Tags))
        {
            var details = IamActionCatalog.Default.FindAction(action.Action)!;
            if (!details.RequestTagsPerResourceType)
            {
                continue;
            }

            var created = details.ResourceTypeOf(action.Creates.Replace("*", "x", StringComparison.Ordinal));
            Assert.That(created is not null && details.CarriesRequestTags(created), Is.True,
                $"{action.Action} creates `{action.Creates}`, which is not a resource type its request tags");
        }
    }

    private static List<EmittedScpStatement> Build(string assertion) => EveryStoreScps.Build(assertion, """

        classification DataClassification {
          tag "DataClassification"
          levels public < internal < confidential < restricted
          default internal
        }

        """).Statements;
}
