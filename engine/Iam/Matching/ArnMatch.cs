using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Iam.Text;

namespace Sec08Policy.Engine.Iam.Matching;

/// <summary>
/// ARN matching as IAM does it for <c>Resource</c> and the ARN condition operators: the pattern and the ARN are split
/// into their six colon-separated components (the sixth, the resource, keeps any further colons) and each component
/// is matched on its own, case-sensitively, so a wildcard never crosses a colon before the resource part. A pattern
/// with fewer components matches its last one against the rest of the ARN (<c>*</c> matches every ARN).
/// </summary>
internal static class ArnMatch
{
    public const int Components = 6;

    /// <summary>Whether <paramref name="arn"/> matches a policy's pattern, rendered with the request's variables; one that does not resolve matches nothing.</summary>
    public static bool IsMatch(PolicyText pattern, IamRequestContext context, string arn) =>
        pattern.Constant is { } constant
            ? IsMatch(constant, pattern.LiteralMask, arn)
            : RenderBuffer.TryRender(pattern, context, out var chars, out var literal) && IsMatch(chars, literal, arn);

    /// <summary>Whether <paramref name="arn"/> matches a pattern without variables.</summary>
    public static bool IsMatch(string pattern, string arn) => IsMatch(pattern, default, arn);

    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<bool> literal, ReadOnlySpan<char> arn)
    {
        Span<Range> patternParts = stackalloc Range[Components];
        Span<Range> arnParts = stackalloc Range[Components];
        var count = Split(pattern, patternParts, Components);
        if (Split(arn, arnParts, count) != count)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var part = patternParts[i];
            var mask = literal.IsEmpty ? default : literal[part];
            if (!WildcardPattern.IsMatch(pattern[part], mask, arn[arnParts[i]], ignoreCase: false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits at the first <paramref name="limit"/> - 1 colons; returns how many parts there are.</summary>
    public static int Split(ReadOnlySpan<char> text, Span<Range> parts, int limit)
    {
        var count = 0;
        var start = 0;
        while (count < limit - 1)
        {
            var colon = text[start..].IndexOf(':');
            if (colon < 0)
            {
                break;
            }

            parts[count++] = start..(start + colon);
            start += colon + 1;
        }

        parts[count++] = start..text.Length;
        return count;
    }
}
