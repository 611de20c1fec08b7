using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>Finds the waiver for a (requirement, resource) pair; a waiver holds through the end of its expiry day.</summary>
internal sealed class WaiverIndex(IEnumerable<Waiver> waivers, DateOnly today)
{
    private readonly Dictionary<string, Waiver[]> _byRequirement = waivers
        .GroupBy(w => w.Requirement, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    public (Waiver Waiver, bool Expired)? Find(string requirement, Resource resource)
    {
        var identity = resource.Arn is { IsKnown: true, Value: { } arn } ? arn : resource.Id;
        (Waiver, bool)? expired = null;
        foreach (var waiver in _byRequirement.GetValueOrDefault(requirement, []))
        {
            if (!Covers(waiver, identity, resource.Id))
            {
                continue;
            }

            if (waiver.Expires >= today)
            {
                return (waiver, false);
            }

            expired ??= (waiver, true);
        }

        return expired;
    }

    private static bool Covers(Waiver waiver, string identity, string id)
    {
        foreach (var pattern in waiver.Resources)
        {
            if (WildcardPattern.IsMatch(pattern, identity, ignoreCase: false) || WildcardPattern.IsMatch(pattern, id, ignoreCase: false))
            {
                return true;
            }
        }

        return false;
    }
}
