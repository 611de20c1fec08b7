using System.Collections.Immutable;
using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Inputs.Properties;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Terraform;

/// <summary>
/// A planned resource's values, read through <c>after_unknown</c>. A value known only after apply that the configuration
/// does not set is what the provider and AWS fill in by default, so it reads as absent; one it sets stays unknown.
/// </summary>
internal sealed class PlanPropertySource(PlannedValues values, PlanContext context, string address, ImmutableArray<string> prefix) : PropertySource
{
    public PlanPropertySource(PlannedValues values, PlanContext context, string address)
        : this(values, context, address, [])
    {
    }

    public override string Prefix => string.Join('.', prefix);

    public override PropertyValue Get(PropertyPath path)
    {
        var (node, problem, full) = Walk(path);
        return problem ?? node switch
        {
            null or ScalarNode { Kind: ScalarKind.Null } => PropertyValue.Absent,
            ScalarNode s => PropertyValue.Of(s.Text),
            _ => PropertyValue.Composite($"`{string.Join('.', full)}` is {Shape.Of(node)}, where a value belongs"),
        };
    }

    public override IReadOnlyList<PropertySource>? Elements(PropertyPath path, out PropertyValue undecided)
    {
        var (node, problem, full) = Walk(path);
        undecided = problem ?? default;
        if (problem is not null)
        {
            return null;
        }

        switch (node)
        {
            case null or ScalarNode { Kind: ScalarKind.Null }:
                return [];
            case SequenceNode list:
                return [.. list.Items.Select((_, i) => new PlanPropertySource(values, context, address, [.. full, i.ToString(System.Globalization.CultureInfo.InvariantCulture)]))];
            default:
                undecided = PropertyValue.WrongShape($"`{string.Join('.', full)}` is {Shape.Of(node)}, where a list belongs");
                return null;
        }
    }

    public override KeyRef Key(PropertyPath path)
    {
        var value = Get(path);
        return value.State switch
        {
            PropertyState.Text => new KeyRef(Fact<string?>.Known(value.Text), null),
            PropertyState.Absent => KeyRef.None,
            PropertyState.Unknown => context.KeyReference(address, values, [.. prefix, .. path.Segments]),
            _ => new KeyRef(Fact<string?>.Unknown(value.Reason ?? $"`{path.Under(Prefix)}` is not a string"), null),
        };
    }

    private (InputNode? Node, PropertyValue? Problem, string[] Full) Walk(PropertyPath path)
    {
        string[] full = [.. prefix, .. path.Segments];
        InputNode? node = values.After;
        var unknown = values.AfterUnknown;
        for (var i = 0; i < full.Length; i++)
        {
            if (unknown is ScalarNode { Kind: ScalarKind.Boolean, Text: "true" })
            {
                return (null, Unknown(full, i), full);
            }

            var step = full[i];
            if (node is null or ScalarNode { Kind: ScalarKind.Null })
            {
                return (null, null, full);
            }

            if (!TreeWalk.TryStep(node, step, ignoreCase: false, out node, out var problem))
            {
                return (null, PropertyValue.WrongShape($"`{string.Join('.', full[..i])}` {problem}"), full);
            }

            unknown = PlannedValues.Step(unknown, step);
        }

        return unknown is ScalarNode { Kind: ScalarKind.Boolean, Text: "true" } ? (null, Unknown(full, full.Length), full) : (node, null, full);
    }

    /// <summary>Known only after apply: absent (null) when the configuration does not set it (the provider's default), else unknown.</summary>
    private PropertyValue? Unknown(string[] full, int depth)
    {
        var attribute = full.Take(Math.Max(depth, 1)).LastOrDefault(s => !int.TryParse(s, out _)) ?? full[0];
        if (context.HasConfiguration(address) && !context.IsConfigured(address, attribute))
        {
            return null;
        }

        return PropertyValue.Unknown($"`{string.Join('.', full[..Math.Max(depth, 1)])}` is {PlannedValues.AfterApply}");
    }

}
