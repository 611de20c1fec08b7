using Sec08Policy.Engine.Inputs.Tree;

namespace Sec08Policy.Engine.Inputs.Properties;

/// <summary>
/// One step of a catalogue path down an input tree, shared by the sources that read trees (plans, configuration items):
/// a name into an object, an index into a list, through the JSON document a string holds.
/// </summary>
internal static class TreeWalk
{
    /// <summary>
    /// Steps from <paramref name="node"/> by <paramref name="step"/>. True with the node reached (null when nothing is
    /// there, or when the walk has already ended at nothing); false when <paramref name="node"/> has the wrong shape for
    /// the step, with <paramref name="problem"/> naming what is there and what belongs (the caller adds the path).
    /// </summary>
    public static bool TryStep(InputNode? node, string step, bool ignoreCase, out InputNode? next, out string problem)
    {
        problem = "";
        while (true)
        {
            switch (node)
            {
                case null or ScalarNode { Kind: ScalarKind.Null }:
                    next = null;
                    return true;
                case MappingNode map when !int.TryParse(step, out _):
                    next = map.Get(step, ignoreCase);
                    return true;
                case SequenceNode list when int.TryParse(step, out var index):
                    next = index >= 0 && index < list.Items.Length ? list.Items[index] : null;
                    return true;
                case ScalarNode scalar when EmbeddedJson.Parse(scalar) is { } document:
                    // The document of a JSON string (`aws_emr_security_configuration.configuration`, Config's policies).
                    node = document;
                    continue;
                default:
                    next = null;
                    problem = $"is {Shape.Of(node)}, where {Shape.Expected(step)} belongs";
                    return false;
            }
        }
    }
}
