using Sprache;

namespace Sec08Policy.Compiler.Syntax;

/// <summary>
/// A Sprache input that is only an offset into the source. Sprache's own input tracks lines and columns on every
/// character; we take positions from <see cref="Text.SourceText"/> instead, and need to restart at any offset after
/// an error.
/// </summary>
internal sealed class ParserInput : IInput
{
    private IDictionary<object, object>? _memos;

    public ParserInput(string source, int position)
    {
        Source = source;
        Position = position;
    }

    public string Source { get; }

    public int Position { get; }

    public char Current => Source[Position];

    public bool AtEnd => Position >= Source.Length;

    // Sprache only reads these for its own messages, which we do not use.
    public int Line => 0;

    public int Column => Position;

    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance()
    {
        if (AtEnd)
        {
            throw new InvalidOperationException("cannot advance beyond the end of the input");
        }

        return new ParserInput(Source, Position + 1);
    }

    public bool Equals(IInput? other) =>
        other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Source.Length, Position);
}
