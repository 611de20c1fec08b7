using System.Text;
using Sec08Policy.Engine.Inputs.Tree;

namespace Sec08Policy.Engine.Inputs.Properties;

/// <summary>
/// Some properties hold a JSON document as a string (an EMR security configuration, a Config item's
/// <c>configuration</c>); a path that goes on into such a string reads the document.
/// </summary>
internal static class EmbeddedJson
{
    /// <summary>The document in <paramref name="node"/>, or null when it is not a string holding a JSON object or array.</summary>
    public static InputNode? Parse(ScalarNode node)
    {
        if (node.Kind != ScalarKind.String || node.Text is not { } text)
        {
            return null;
        }

        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty || trimmed[0] is not ('{' or '['))
        {
            return null;
        }

        try
        {
            return JsonTreeReader.ParseAt(Encoding.UTF8.GetBytes(text), node.Position);
        }
        catch (InputException)
        {
            return null;
        }
    }
}
