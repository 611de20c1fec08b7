using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Terraform;

/// <summary>Follows <c>configuration</c> references of a plan to the addresses of other planned resources.</summary>
internal sealed class PlanContext(Dictionary<string, MappingNode> expressions, List<string> addresses)
{
    /// <summary>The key an attribute names: its planned value, or (unknown at plan time) the key resource it references.</summary>
    public KeyRef KeyReference(string address, PlannedValues values, params string[] path)
    {
        var value = values.String(path);
        if (value.IsKnown)
        {
            return new KeyRef(value, null);
        }

        var referenced = ReferencedAddress(address, path[^1], "aws_kms_key") ?? ReferencedAddress(address, path[^1], "aws_kms_alias");
        return referenced is null ? new KeyRef(value, null) : new KeyRef(Fact<string?>.Known(referenced), referenced);
    }

    /// <summary>
    /// The address of the resource of <paramref name="type"/> that the attribute's expression references, searching
    /// nested blocks too, within the same module; null when there is none or it is not planned.
    /// </summary>
    public string? ReferencedAddress(string address, string attribute, string type)
    {
        var configAddress = TerraformPlanAdapter.StripIndexes(address);
        var lastModule = configAddress.LastIndexOf("module.", StringComparison.Ordinal);
        var modulePrefix = lastModule >= 0
            ? configAddress[..(configAddress.IndexOf('.', configAddress.IndexOf('.', lastModule) + 1) + 1)]
            : string.Empty;
        if (!expressions.TryGetValue(configAddress, out var resource))
        {
            return null;
        }

        foreach (var reference in References(resource, attribute))
        {
            if (!reference.StartsWith(type + ".", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = reference.Split('.');
            var target = modulePrefix + parts[0] + "." + TerraformPlanAdapter.StripIndexes(parts[1]);
            var planned = addresses.FirstOrDefault(a => a == target || TerraformPlanAdapter.StripIndexes(a) == target);
            if (planned is not null)
            {
                return planned;
            }
        }

        return null;
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

/// <summary>A key as an attribute names it, and the input-local resource it resolves to, if any.</summary>
internal sealed record KeyRef(Fact<string?> Reference, string? LocalId)
{
    public EncryptionState Apply(string algorithm, string? awsManagedAlias) =>
        EncryptionState.Kms(Reference, algorithm, awsManagedAlias) with { ResolvedKey = LocalId };
}
