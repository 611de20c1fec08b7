using System.Collections.Immutable;

namespace Sec08Policy.Engine.Catalog.Resources;

/// <summary>
/// A path to a property inside a resource, as the catalogue writes it: names separated by dots, a number for an
/// element of a list (<c>Rules.0.Algorithm</c>). It is split once, when the catalogue is read.
/// </summary>
public sealed record PropertyPath
{
    private PropertyPath(string text, ImmutableArray<string> segments)
    {
        Text = text;
        Segments = segments;
    }

    public string Text { get; }

    public ImmutableArray<string> Segments { get; }

    public static PropertyPath Parse(string text)
    {
        if (string.IsNullOrEmpty(text) || text.Split('.').Any(s => s.Length == 0))
        {
            throw new FormatException($"`{text}` is not a property path");
        }

        return new PropertyPath(text, [.. text.Split('.')]);
    }

    /// <summary>The path below an element: <c>Ebs.Encrypted</c> under <c>BlockDeviceMappings.2</c>.</summary>
    public string Under(string prefix) => prefix.Length == 0 ? Text : $"{prefix}.{Text}";

    public override string ToString() => Text;
}
