using Sec08Policy.Engine.Inputs;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Tests.Engine.Inputs;

/// <summary>The security facts of each fixture resource, keyed by its <c>FixtureId</c> tag, as one comparable line.</summary>
internal static class FixtureSummary
{
    public static SortedDictionary<string, string> Of(InputFile input)
    {
        var byId = input.Resources.ToDictionary(r => r.Id);
        var summaries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in input.Resources)
        {
            if (FixtureId(resource) is { } fixture)
            {
                summaries[fixture] = Describe(resource, byId);
            }
        }

        return summaries;
    }

    public static string? FixtureId(Resource resource) =>
        resource.Tags.IsKnown && resource.Tags.Value.TryGetValue("FixtureId", out var id) ? id : null;

    private static string Describe(Resource resource, Dictionary<string, Resource> byId)
    {
        var parts = new List<string> { resource.Type };
        if (resource.Encryption is { } e)
        {
            parts.Add("encrypted=" + Show(e.Enabled));
            if (e.Enabled is { IsKnown: true, Value: true })
            {
                parts.Add("manager=" + Show(e.KeyManager));
                // Which customer-managed key; AWS managed keys appear only in some formats, so they are not compared.
                if (e.KeyManager is { IsKnown: true, Value: KeyManager.Customer })
                {
                    var key = e.ResolvedKey is { } id && byId.TryGetValue(id, out var k) ? FixtureId(k) ?? "(untagged key)" : "-";
                    parts.Add("key=" + key);
                }
            }
        }

        if (resource.Key is { } facts)
        {
            parts.Add("rotation=" + Show(facts.RotationEnabled));
            parts.Add("keyManager=" + Show(facts.Manager));
        }

        return string.Join(' ', parts);
    }

    private static string Show<T>(Fact<T> fact) => fact.IsKnown ? $"{fact.Value}" : "unknown";
}
