using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Inputs.Properties;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Config;

/// <summary>
/// A configuration item, read by paths from the item (<c>configuration.x</c>, <c>supplementaryConfiguration.Y.z</c>).
/// Names match ignoring case, as Config's casing varies by type; JSON held in strings is read where a path goes on.
/// </summary>
internal sealed class ConfigPropertySource(InputNode root, string prefix = "") : PropertySource
{
    public override string Prefix => prefix;

    public override PropertyValue Get(PropertyPath path)
    {
        var (node, problem) = Walk(path);
        return problem ?? node switch
        {
            null or ScalarNode { Kind: ScalarKind.Null } => PropertyValue.Absent,
            ScalarNode s => PropertyValue.Of(s.Text),
            _ => PropertyValue.Composite($"`{path.Under(prefix)}` is {Shape.Of(node)}, where a value belongs"),
        };
    }

    public override IReadOnlyList<PropertySource>? Elements(PropertyPath path, out PropertyValue undecided)
    {
        var (node, problem) = Walk(path);
        undecided = problem ?? default;
        var at = path.Under(prefix);
        if (node is ScalarNode scalar && EmbeddedJson.Parse(scalar) is { } document)
        {
            node = document;
        }

        if (problem is not null)
        {
            return null;
        }

        switch (node)
        {
            case null or ScalarNode { Kind: ScalarKind.Null }:
                return [];
            case SequenceNode list:
                return [.. list.Items.Select((item, i) => new ConfigPropertySource(item, $"{at}.{i}"))];
            case MappingNode map:
                return [.. map.Entries.Select(e => new ConfigPropertySource(e.Value, $"{at}.{e.Key}"))];
            default:
                undecided = PropertyValue.WrongShape($"`{at}` is {Shape.Of(node)}, where a list belongs");
                return null;
        }
    }

    public override KeyRef Key(PropertyPath path) => Get(path) switch
    {
        { State: PropertyState.Text } value => new KeyRef(Fact<string?>.Known(value.Text), null),
        { State: PropertyState.Absent } => KeyRef.None,
        var value => new KeyRef(Fact<string?>.Unknown(value.Reason ?? $"`{path.Under(prefix)}` is not a string"), null),
    };

    private (InputNode? Node, PropertyValue? Problem) Walk(PropertyPath path)
    {
        InputNode? node = root;
        var segments = path.Segments;
        for (var i = 0; i < segments.Length && node is not null; i++)
        {
            if (!TreeWalk.TryStep(node, segments[i], ignoreCase: true, out node, out var problem))
            {
                return (null, PropertyValue.WrongShape($"`{Describe(segments, i)}` {problem}"));
            }
        }

        return (node, null);
    }
}
