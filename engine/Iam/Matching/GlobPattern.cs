using Sec08Policy.Engine.Catalog;

namespace Sec08Policy.Engine.Iam.Matching;

/// <summary>
/// A compiled IAM wildcard pattern (<c>*</c> any run, <c>?</c> one character; escaped ones stand for themselves), with
/// fast paths for the common shapes: exact text, <c>*</c>, a prefix followed by <c>*</c>.
/// </summary>
internal sealed class GlobPattern
{
    private readonly string _text;
    private readonly bool[]? _literal;
    private readonly bool _ignoreCase;
    private readonly Shape _shape;

    public GlobPattern(string text, bool ignoreCase, bool[]? literal = null)
    {
        _text = text;
        _literal = literal;
        _ignoreCase = ignoreCase;
        var wildcards = 0;
        var lastWildcard = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '*' or '?' && !(literal is not null && literal[i]))
            {
                wildcards++;
                lastWildcard = i;
            }
        }

        _shape = wildcards == 0 ? Shape.Exact
            : text == "*" ? Shape.Any
            : wildcards == 1 && lastWildcard == text.Length - 1 && text[^1] == '*' ? Shape.Prefix
            : Shape.General;
    }

    public string Text => _text;

    public bool IsMatch(ReadOnlySpan<char> input)
    {
        var comparison = _ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return _shape switch
        {
            Shape.Exact => input.Equals(_text, comparison),
            Shape.Any => true,
            Shape.Prefix => input.StartsWith(_text.AsSpan(0, _text.Length - 1), comparison),
            _ => WildcardPattern.IsMatch(_text, _literal, input, _ignoreCase),
        };
    }

    public override string ToString() => _text;

    private enum Shape
    {
        Exact,
        Any,
        Prefix,
        General,
    }
}
