namespace Sec08Policy.Engine.Inputs.Properties;

internal enum PropertyState
{
    /// <summary>Missing, null, empty, or removed (<c>AWS::NoValue</c>).</summary>
    Absent,

    /// <summary>A string, number or Boolean, as text.</summary>
    Text,

    /// <summary>An object or a list, or a reference whose value only deployment tells.</summary>
    Composite,

    /// <summary>Only deployment or apply can tell (see <see cref="PropertyValue.Reason"/>).</summary>
    Unknown,

    /// <summary>The input has something of another shape on the way (a list where an object belongs).</summary>
    WrongShape,
}

/// <summary>What a path of a resource holds, in any input form.</summary>
internal readonly record struct PropertyValue(PropertyState State, string? Text, string? Reason, bool MayBeAbsent = false)
{
    public static PropertyValue Absent { get; } = new(PropertyState.Absent, null, null);

    public static PropertyValue Of(string? text) => string.IsNullOrEmpty(text) ? Absent : new(PropertyState.Text, text, null);

    public static PropertyValue Composite(string? reason = null) => new(PropertyState.Composite, null, reason);

    public static PropertyValue Unknown(string reason, bool mayBeAbsent = false) => new(PropertyState.Unknown, null, reason, mayBeAbsent);

    public static PropertyValue WrongShape(string reason) => new(PropertyState.WrongShape, null, reason);

    /// <summary>The reason to give when this value cannot decide: unknown, or of the wrong shape.</summary>
    public bool IsUndecided => State is PropertyState.Unknown or PropertyState.WrongShape;
}
