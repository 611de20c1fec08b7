using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Engine.Inputs.Tree;

/// <summary>
/// A YAML document whose root mapping is read entry by entry, and whose values are built as trees only when asked
/// for: so that a large template's resources can be read and let go one at a time.
/// </summary>
internal interface IStreamedYamlMapping
{
    SourcePosition RootPosition { get; }

    /// <summary>Moves to the next root key: false at the end of the mapping; <paramref name="key"/> is null for a key that is not a scalar.</summary>
    bool NextKey(out string? key);

    /// <summary>Whether the value of the key just read is a mapping, whose entries <see cref="ReadEntries"/> then gives.</summary>
    bool ValueIsBlockMapping();

    /// <summary>The value of the key just read; <paramref name="depth"/> is its depth in the document.</summary>
    InputNode ReadValue(string pointer, int depth);

    /// <summary>The entries of the mapping <see cref="ValueIsBlockMapping"/> found, each read only when the enumeration reaches it.</summary>
    IEnumerable<KeyValuePair<string, InputNode>> ReadEntries(string pointer, int depth);
}
