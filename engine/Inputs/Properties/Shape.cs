using Sec08Policy.Engine.Inputs.Tree;

namespace Sec08Policy.Engine.Inputs.Properties;

/// <summary>How a value of the wrong shape is named in a reason: its kind, or the value itself, shortened.</summary>
internal static class Shape
{
    private const int MaxValueLength = 40;

    public static string List => "a list";

    public static string Object => "an object";

    public static string Value(string? text) =>
        text is null ? "null" : text.Length <= MaxValueLength ? $"`{text}`" : $"`{text[..MaxValueLength]}...`";

    public static string Of(InputNode node) => node switch
    {
        SequenceNode => List,
        MappingNode => Object,
        ScalarNode s => Value(s.Text),
        _ => "a value",
    };

    /// <summary>What belongs at a step: a list for an index, an object for a name.</summary>
    public static string Expected(string step) => int.TryParse(step, out _) ? "a list" : "an object";
}
