using Sec08Policy.Engine.Catalog.Resources;

namespace Sec08Policy.Engine.Inputs.Properties;

/// <summary>
/// One resource's properties in one input form, read by catalogue paths: a template's resolved properties, a plan's
/// planned values, a configuration item. Paths are relative to where the source stands (the resource, or one element
/// of a list inside it), and messages name them from the resource.
/// </summary>
internal abstract class PropertySource
{
    /// <summary>The value at <paramref name="path"/>.</summary>
    public abstract PropertyValue Get(PropertyPath path);

    /// <summary>
    /// The elements of the list (or the values of the mapping) at <paramref name="path"/>, each as a source of its own;
    /// an empty list when there is nothing there; null with <paramref name="undecided"/> when it cannot be told.
    /// </summary>
    public abstract IReadOnlyList<PropertySource>? Elements(PropertyPath path, out PropertyValue undecided);

    /// <summary>The KMS key the property at <paramref name="path"/> names.</summary>
    public abstract KeyRef Key(PropertyPath path);

    /// <summary>Where this source stands, as a path from the resource (empty at the resource itself).</summary>
    public abstract string Prefix { get; }

    protected string Describe(IEnumerable<string> segments, int count) =>
        string.Join('.', (Prefix.Length == 0 ? [] : new[] { Prefix }).Concat(segments.Take(count)));
}
