using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Terraform;

/// <summary>Follows <c>configuration</c> references of a plan to the addresses of other planned resources.</summary>
internal sealed class PlanContext(Dictionary<string, MappingNode> expressions, Dictionary<string, MappingNode> moduleCalls, List<string> addresses)
{
    // Configuration address → the first planned address with it (count/for_each instances share one configuration).
    private readonly Dictionary<string, string> _planned = addresses
        .GroupBy(TerraformPlanAdapter.StripIndexes, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Contains(g.Key) ? g.Key : g.First(), StringComparer.Ordinal);

    /// <summary>Constant Regions of provider configurations, by provider config key.</summary>
    public Dictionary<string, string> ProviderRegions { get; init; } = [];

    /// <summary>The Region of the provider configuration the resource uses, when it is a constant.</summary>
    public Fact<string?> ProviderRegion(string address)
    {
        var configAddress = TerraformPlanAdapter.StripIndexes(address);
        var key = expressions.ContainsKey(configAddress) ? ProviderKey(configAddress) : "aws";
        if (ProviderRegions.TryGetValue(key, out var region))
        {
            return Fact<string?>.Known(region);
        }

        // Only a resource on a provider configuration the plan does not show falls back to the default `aws` one.
        return !ProviderKeysDeclared.Contains(key) && ProviderRegions.TryGetValue("aws", out region)
            ? Fact<string?>.Known(region)
            : Fact<string?>.Unknown($"the Region comes from provider configuration `{key}`, which sets no constant `region`");
    }

    public Dictionary<string, string> ProviderKeys { get; init; } = [];

    /// <summary>Every provider configuration the plan declares, with or without a constant Region.</summary>
    public HashSet<string> ProviderKeysDeclared { get; init; } = [];

    private string ProviderKey(string configAddress) => ProviderKeys.GetValueOrDefault(configAddress, "aws");

    /// <summary>The key an attribute names: its planned value, or (unknown at plan time) the key resource it references.</summary>
    public KeyRef KeyReference(string address, PlannedValues values, params string[] path)
    {
        var value = values.String(path);
        if (value.IsKnown)
        {
            return new KeyRef(value, null);
        }

        var referenced = ReferencedAddress(address, path[^1], "aws_kms_key") ?? ReferencedAddress(address, path[^1], "aws_kms_external_key") ?? ReferencedAddress(address, path[^1], "aws_kms_alias");
        if (referenced is not null)
        {
            return new KeyRef(Fact<string?>.Known(referenced), referenced);
        }

        // Not set in the configuration at all: the provider fills in the service's default key at apply.
        return IsConfigured(address, path[^1]) ? new KeyRef(value, null) : new KeyRef(Fact<string?>.Known(null), null);
    }

    /// <summary>Whether the plan's configuration describes the resource at all (plans may leave it out).</summary>
    public bool HasConfiguration(string address) => expressions.ContainsKey(TerraformPlanAdapter.StripIndexes(address));

    /// <summary>Whether the configuration sets the attribute (anywhere in the resource, nested blocks included).</summary>
    public bool IsConfigured(string address, string attribute) =>
        expressions.TryGetValue(TerraformPlanAdapter.StripIndexes(address), out var resource) && Mentions(resource, attribute);

    private static bool Mentions(InputNode node, string attribute) => node switch
    {
        MappingNode map => map.Entries.Any(e => e.Key == attribute || Mentions(e.Value, attribute)),
        SequenceNode seq => seq.Items.Any(i => Mentions(i, attribute)),
        _ => false,
    };

    /// <summary>
    /// The address of the resource of <paramref name="type"/> that the attribute's expression references, searching
    /// nested blocks too, within the same module; null when there is none or it is not planned.
    /// </summary>
    public string? ReferencedAddress(string address, string attribute, string type)
    {
        var configAddress = TerraformPlanAdapter.StripIndexes(address);
        return expressions.TryGetValue(configAddress, out var resource)
            ? Follow(References(resource, attribute), ModulePrefix(configAddress), type, depth: 0)
            : null;
    }

    /// <summary>
    /// The first reference that names a planned resource of <paramref name="type"/> in the module; a module input
    /// variable (<c>var.x</c>) is followed to the expression the calling module passes for it.
    /// </summary>
    private string? Follow(IEnumerable<string> references, string modulePrefix, string type, int depth)
    {
        foreach (var reference in references)
        {
            if (reference.StartsWith("var.", StringComparison.Ordinal) && modulePrefix.Length > 0 && depth < 16
                && moduleCalls.TryGetValue(modulePrefix, out var call))
            {
                var variable = reference.Split('.')[1];
                var segments = modulePrefix.TrimEnd('.').Split('.');
                var parentPrefix = segments.Length <= 2 ? string.Empty : string.Join('.', segments[..^2]) + ".";
                if (call.Get(variable) is MappingNode passed && passed.Get("references") is SequenceNode refs
                    && Follow(refs.Items.OfType<ScalarNode>().Select(r => r.Text ?? string.Empty), parentPrefix, type, depth + 1) is { } found)
                {
                    return found;
                }

                continue;
            }

            if (!reference.StartsWith(type + ".", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = reference.Split('.');
            var target = modulePrefix + parts[0] + "." + TerraformPlanAdapter.StripIndexes(parts[1]);
            if (_planned.TryGetValue(target, out var planned))
            {
                return planned;
            }
        }

        return null;
    }

    /// <summary><c>module.a.module.b.aws_x.y</c> → <c>module.a.module.b.</c>; a root address → empty.</summary>
    private static string ModulePrefix(string configAddress)
    {
        var parts = configAddress.Split('.');
        var end = 0;
        while (end + 1 < parts.Length && parts[end] == "module")
        {
            end += 2;
        }

        return end == 0 ? string.Empty : string.Join('.', parts[..end]) + ".";
    }

    private static IEnumerable<string> References(InputNode node, string attribute)
    {
        switch (node)
        {
            case MappingNode map:
                foreach (var (key, value) in map.Entries)
                {
                    if (key == attribute && value is MappingNode expression && expression.Get("references") is SequenceNode refs)
                    {
                        foreach (var r in refs.Items.OfType<ScalarNode>())
                        {
                            yield return r.Text ?? string.Empty;
                        }
                    }
                    else
                    {
                        foreach (var nested in References(value, attribute))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
            case SequenceNode seq:
                foreach (var item in seq.Items)
                {
                    foreach (var nested in References(item, attribute))
                    {
                        yield return nested;
                    }
                }

                break;
        }
    }
}
