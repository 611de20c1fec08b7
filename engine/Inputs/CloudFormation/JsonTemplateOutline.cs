using System.Text.Json;
using Sec08Policy.Engine.Inputs.Tree;
using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.CloudFormation;

/// <summary>
/// One pass over a JSON document that checks all of its syntax and notes, without building values, where each
/// top-level property's value starts (the first, where a name repeats, as a parsed tree would read it).
/// </summary>
internal sealed class JsonTemplateOutline
{
    private JsonTemplateOutline(SourcePosition rootPosition) => RootPosition = rootPosition;

    public SourcePosition RootPosition { get; }

    /// <summary>Byte offset of each top-level property's value.</summary>
    public Dictionary<string, int> Sections { get; } = new(StringComparer.Ordinal);

    /// <summary>Byte offset of the <c>Resources</c> object, when it is one.</summary>
    public int? Resources { get; private set; }

    /// <summary>
    /// Whether the document is a CloudFormation template, decided as for a parsed tree: a Terraform plan is not one,
    /// and a template has <c>AWSTemplateFormatVersion</c> or a <c>Resources</c> object.
    /// </summary>
    public bool IsTemplate => !IsTerraformPlan && (Sections.ContainsKey("AWSTemplateFormatVersion") || Resources is not null);

    private bool IsTerraformPlan =>
        Sections.ContainsKey("format_version") && (Sections.ContainsKey("resource_changes") || Sections.ContainsKey("planned_values"));

    /// <summary>The outline of a document whose root is an object, or null for any other root.</summary>
    public static JsonTemplateOutline? Scan(ReadOnlySpan<byte> utf8, string file)
    {
        var reader = new Utf8JsonReader(utf8, JsonTreeReader.ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var (line, column) = new PositionCursor().Advance(utf8, 0, reader.TokenStartIndex);
            var outline = new JsonTemplateOutline(new SourcePosition(file, line, column, "/"));
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = JsonTreeReader.GetString(ref reader, utf8, 0, file);
                reader.Read();
                var start = checked((int)reader.TokenStartIndex);
                if (outline.Sections.TryAdd(name, start) && name == "Resources" && reader.TokenType == JsonTokenType.StartObject)
                {
                    outline.Resources = start;
                }

                if (outline.IsTerraformPlan)
                {
                    return outline; // decided, and the plan is read as a tree, which checks its syntax
                }

                reader.Skip();
            }

            // Anything after the root object is an error; reading on finds it.
            reader.Read();
            return outline;
        }
        catch (JsonException e)
        {
            throw JsonTreeReader.ToInputException(e, file);
        }
    }
}
