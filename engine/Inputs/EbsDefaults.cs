using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs;

/// <summary>
/// The EBS encryption by default settings of an input set, each for its own account and Region. A resource is under
/// every setting whose account and Region could be its own (a part unknown on either side could be anything): the
/// default is on for it only when every such setting is known to be on. A collection over several accounts and
/// Regions holds one setting each, and one account's setting says nothing of another's volumes.
/// </summary>
internal sealed class EbsDefaults
{
    private readonly List<(Fact<string?> Account, Fact<string?> Region, Fact<bool> On)> _settings = [];

    /// <summary>Keeps the resource's setting, when it is one.</summary>
    public void Add(Resource resource)
    {
        if (resource.EbsEncryptionByDefault is { } on)
        {
            _settings.Add((resource.Account, resource.Region, on));
        }
    }

    /// <summary>Whether encryption by default is known to be on wherever <paramref name="resource"/> could be.</summary>
    public bool OnFor(Resource resource)
    {
        var any = false;
        foreach (var (account, region, on) in _settings)
        {
            if (!Matches(account, resource.Account) || !Matches(region, resource.Region))
            {
                continue;
            }

            if (on is not { IsKnown: true, Value: true })
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private static bool Matches(Fact<string?> setting, Fact<string?> resource) =>
        setting is not { IsKnown: true, Value: { } a } || resource is not { IsKnown: true, Value: { } b } || string.Equals(a, b, StringComparison.Ordinal);
}
