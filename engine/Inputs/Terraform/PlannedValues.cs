using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Terraform;

/// <summary>
/// A resource's planned values: <c>change.after</c> read through <c>change.after_unknown</c>, so a value Terraform
/// learns only at apply is Unknown rather than missing or false.
/// </summary>
internal sealed class PlannedValues(MappingNode? after, InputNode? afterUnknown)
{
    internal const string AfterApply = "known only after `terraform apply`";

    /// <summary>The planned values as the plan gives them.</summary>
    public MappingNode? After => after;

    /// <summary>The matching tree of <c>after_unknown</c>: <c>true</c> where a value is known only after apply.</summary>
    public InputNode? AfterUnknown => afterUnknown;

    public InputNode? Node(params string[] path) => Walk(after, path);

    public bool IsUnknown(params string[] path)
    {
        InputNode? node = afterUnknown;
        foreach (var step in path)
        {
            if (node is ScalarNode { Kind: ScalarKind.Boolean, Text: "true" })
            {
                return true;
            }

            node = Step(node, step);
        }

        return node is ScalarNode { Kind: ScalarKind.Boolean, Text: "true" };
    }

    public Fact<string?> String(params string[] path)
    {
        if (IsUnknown(path))
        {
            return Fact<string?>.Unknown($"`{string.Join('.', path)}` is {AfterApply}");
        }

        return Node(path) switch
        {
            ScalarNode { Kind: ScalarKind.Null } or null => Fact<string?>.Known(null),
            ScalarNode { Text: "" } => Fact<string?>.Known(null),
            ScalarNode s => Fact<string?>.Known(s.Text),
            _ => Fact<string?>.Unknown($"`{string.Join('.', path)}` is not a string"),
        };
    }

    /// <summary>A Boolean attribute; <paramref name="absent"/> is the provider's default when the plan has no value.</summary>
    public Fact<bool> Bool(bool? absent, params string[] path)
    {
        if (IsUnknown(path))
        {
            return Fact<bool>.Unknown($"`{string.Join('.', path)}` is {AfterApply}");
        }

        return Node(path) switch
        {
            ScalarNode { AsBoolean: { } b } => Fact<bool>.Known(b),
            ScalarNode { Kind: ScalarKind.Null } or null when absent is { } d => Fact<bool>.Known(d),
            _ => Fact<bool>.Unknown($"`{string.Join('.', path)}` has no value in the plan"),
        };
    }

    public Fact<int?> Int(params string[] path)
    {
        if (IsUnknown(path))
        {
            return Fact<int?>.Unknown($"`{string.Join('.', path)}` is {AfterApply}");
        }

        return Node(path) switch
        {
            ScalarNode { Kind: ScalarKind.Null } or null => Fact<int?>.Known(null),
            ScalarNode { AsInt: { } n } => Fact<int?>.Known(n),
            _ => Fact<int?>.Unknown($"`{string.Join('.', path)}` is not a number"),
        };
    }

    private static InputNode? Walk(InputNode? node, string[] path)
    {
        foreach (var step in path)
        {
            node = Step(node, step);
        }

        return node;
    }

    /// <summary>One step: a key of a mapping, or an index of a list (nested blocks are lists even with one element).</summary>
    internal static InputNode? Step(InputNode? node, string step) => node switch
    {
        MappingNode map => map.Get(step),
        SequenceNode seq when int.TryParse(step, out var i) && i < seq.Items.Length => seq.Items[i],
        _ => null,
    };
}
