using Sec08Policy.Engine.Catalog.Resources;
using Sec08Policy.Engine.Inputs.Properties;
using Sec08Policy.Engine.Inputs.Tree;

namespace Sec08Policy.Engine.Inputs.CloudFormation;

/// <summary>A template resource's properties, resolved as they are read (intrinsics become unknown values with their reason).</summary>
internal sealed class CfnPropertySource(CfnValue root, IntrinsicResolver resolver, IReadOnlyDictionary<string, string> types, string prefix = "") : PropertySource
{
    public override string Prefix => prefix;

    public override PropertyValue Get(PropertyPath path)
    {
        var (value, problem) = Walk(path);
        return problem ?? value switch
        {
            null or CfnNoValue => PropertyValue.Absent,
            CfnScalar s => PropertyValue.Of(s.Text),
            CfnUnknown u => PropertyValue.Unknown(u.Reason, u.MayBeAbsent),
            CfnReference r => PropertyValue.Composite($"`{path.Under(prefix)}` refers to `{r.LogicalId}`, whose value is known only when the stack is deployed"),
            _ => PropertyValue.Composite($"`{path.Under(prefix)}` is {ShapeOf(value)}, where a value belongs"),
        };
    }

    public override IReadOnlyList<PropertySource>? Elements(PropertyPath path, out PropertyValue undecided)
    {
        var (value, problem) = Walk(path);
        undecided = problem ?? default;
        var at = path.Under(prefix);
        if (problem is not null)
        {
            return null;
        }

        switch (value)
        {
            case null or CfnNoValue:
                return [];
            case CfnList list:
                return [.. list.Items.Select((item, i) => new CfnPropertySource(item, resolver, types, $"{at}.{i}"))];
            case CfnUnknown u:
                undecided = PropertyValue.Unknown(u.Reason, u.MayBeAbsent);
                return null;
            default:
                undecided = PropertyValue.WrongShape($"`{at}` is {ShapeOf(value)}, where a list belongs");
                return null;
        }
    }

    public override KeyRef Key(PropertyPath path)
    {
        var (value, problem) = Walk(path);
        return (problem, value) switch
        {
            ({ } p, _) => new KeyRef(Resources.Fact<string?>.Unknown(p.Reason!), null),
            (_, CfnMap or CfnList) => new KeyRef(Resources.Fact<string?>.Unknown($"`{path.Under(prefix)}` is {ShapeOf(value)}, where a key belongs"), null),
            _ => CloudFormationAdapter.KeyReference(value, types),
        };
    }

    /// <summary>The value at the path, or the problem that stopped the walk (an unknown value, a wrong shape).</summary>
    private (CfnValue? Value, PropertyValue? Problem) Walk(PropertyPath path)
    {
        var value = root;
        var segments = path.Segments;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            switch (value)
            {
                case CfnMap when int.TryParse(segment, out _):
                    return (null, PropertyValue.WrongShape($"`{Describe(segments, i)}` is {Shape.Object}, where {Shape.List} belongs"));
                case CfnMap map:
                    value = map.Get(segment);
                    break;
                case CfnList list when int.TryParse(segment, out var index):
                    value = index < list.Items.Length ? list.Items[index] : null;
                    break;
                case CfnScalar { Text: { } text } when Embedded(text, map: !int.TryParse(segment, out _)) is { } document:
                    value = document;
                    i--;
                    continue;
                case null or CfnNoValue:
                    return (null, null);
                case CfnUnknown u:
                    return (null, PropertyValue.Unknown(u.Reason, u.MayBeAbsent));
                case CfnReference r:
                    return (null, PropertyValue.Unknown($"`{Describe(segments, i)}` refers to `{r.LogicalId}`, whose value is known only when the stack is deployed"));
                default:
                    return (null, PropertyValue.WrongShape($"`{Describe(segments, i)}` is {ShapeOf(value)}, where {Shape.Expected(segment)} belongs"));
            }
        }

        return (value, null);
    }

    /// <summary>A JSON document held in a string (an EMR security configuration may be given either way).</summary>
    private CfnValue? Embedded(string text, bool map)
    {
        var first = text.AsSpan().TrimStart();
        if (first.IsEmpty || first[0] != (map ? '{' : '['))
        {
            return null;
        }

        var node = EmbeddedJson.Parse(new ScalarNode(text, ScalarKind.String, default));
        return node is null ? null : resolver.Resolve(node);
    }

    private static string ShapeOf(CfnValue value) => value switch
    {
        CfnList => Shape.List,
        CfnMap => Shape.Object,
        CfnScalar s => Shape.Value(s.Text),
        _ => "a value",
    };
}
