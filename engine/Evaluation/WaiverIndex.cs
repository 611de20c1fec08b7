using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Evaluation;

/// <summary>Finds the waiver for a (requirement, resource) pair; a waiver holds through the end of its expiry day.</summary>
internal sealed class WaiverIndex(IEnumerable<Waiver> waivers, DateOnly today)
{
    private readonly ILookup<string, Waiver> _byRequirement = waivers.ToLookup(w => w.Requirement, StringComparer.Ordinal);

    public (Waiver Waiver, bool Expired)? Find(string requirement, Resource resource)
    {
        var identity = resource.Arn is { IsKnown: true, Value: { } arn } ? arn : resource.Id;
        (Waiver, bool)? expired = null;
        foreach (var waiver in _byRequirement[requirement])
        {
            if (!waiver.Resources.Any(pattern => WildcardPattern.IsMatch(pattern, identity, ignoreCase: false) || WildcardPattern.IsMatch(pattern, resource.Id, ignoreCase: false)))
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
}
