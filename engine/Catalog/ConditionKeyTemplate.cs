using System.Collections.Concurrent;

namespace Sec08Policy.Engine.Catalog;

/// <summary>
/// A condition key as the catalogue spells it, where each <c>${Name}</c> placeholder stands for one or more characters
/// (<c>aws:ResourceTag/${TagKey}</c> matches <c>aws:ResourceTag/team</c>). Names compare ignoring case, as IAM does.
/// </summary>
public sealed class ConditionKeyTemplate
{
    private readonly string[] _literals;

    public ConditionKeyTemplate(string text)
    {
        Text = text;
        var literals = new List<string>();
        var at = 0;
        while (true)
        {
            var open = text.IndexOf("${", at, StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf('}', open);
            if (close < 0)
            {
                literals.Add(text[at..]);
                break;
            }

            literals.Add(text[at..open]);
            at = close + 1;
        }

        _literals = [.. literals];
    }

    public string Text { get; }

    public static ConditionKeyTemplate[] All(IEnumerable<string> keys) => [.. keys.Select(k => new ConditionKeyTemplate(k))];

    /// <summary>Whether any of <paramref name="templates"/> matches <paramref name="key"/>, remembered in <paramref name="answers"/> (created on first use).</summary>
    internal static bool Remembered(ref ConcurrentDictionary<string, bool>? answers, string key, ConditionKeyTemplate[] templates)
    {
        var known = LazyInitializer.EnsureInitialized(ref answers, static () => new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase));
        if (known.TryGetValue(key, out var answer))
        {
            return answer;
        }

        answer = templates.Any(t => t.Matches(key));
        known[key] = answer;
        return answer;
    }

    public bool HasPlaceholder => _literals.Length > 1;

    public bool Matches(ReadOnlySpan<char> key)
    {
        if (_literals.Length == 1)
        {
            return key.Equals(_literals[0], StringComparison.OrdinalIgnoreCase);
        }

        // Literals in order, each placeholder between them taking at least one character: the first literal is a
        // prefix, the last a suffix, and the middle ones are found leftmost, which leaves the most room to the rest.
        var first = _literals[0];
        var last = _literals[^1];
        if (!key.StartsWith(first, StringComparison.OrdinalIgnoreCase) || !key.EndsWith(last, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = key[first.Length..^last.Length];
        for (var i = 1; i < _literals.Length - 1; i++)
        {
            var found = rest.Length > 1 ? rest[1..].IndexOf(_literals[i], StringComparison.OrdinalIgnoreCase) : -1;
            if (found < 0)
            {
                return false;
            }

            rest = rest[(found + 1 + _literals[i].Length)..];
        }

        return rest.Length > 0;
    }

    public override string ToString() => Text;
}
