namespace Sec08Policy.Engine.Catalog;

/// <summary>IAM-style glob matching: <c>*</c> matches any run of characters, <c>?</c> exactly one.</summary>
public static class WildcardPattern
{
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool ignoreCase) =>
        IsMatch(pattern, default, text, ignoreCase);

    /// <summary>
    /// As <see cref="IsMatch(ReadOnlySpan{char}, ReadOnlySpan{char}, bool)"/>, where a <c>*</c> or <c>?</c> whose
    /// position is set in <paramref name="literal"/> stands for itself (an IAM policy writes them <c>${*}</c> and
    /// <c>${?}</c>). An empty <paramref name="literal"/> marks nothing.
    /// </summary>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> literal, ReadOnlySpan<char> text, bool ignoreCase)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && ((pattern[p] == '?' && !IsLiteral(literal, p)) || Same(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*' && !IsLiteral(literal, p))
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*' && !IsLiteral(literal, p))
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool IsLiteral(ReadOnlySpan<bool> literal, int at) => at < literal.Length && literal[at];

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
