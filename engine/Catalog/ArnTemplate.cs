namespace Sec08Policy.Engine.Catalog;

/// <summary>
/// A resource type's ARN pattern as the Service Authorization Reference writes it
/// (<c>arn:${Partition}:s3:::${BucketName}/${ObjectName}</c>), matched without regular expressions: each placeholder
/// takes one or more characters and no colon, except a placeholder that ends the pattern, which takes the rest.
/// </summary>
internal sealed class ArnTemplate
{
    // The literal text around the placeholders: one more than there are placeholders.
    private readonly string[] _literals;

    public ArnTemplate(string pattern)
    {
        var literals = new List<string>();
        var at = 0;
        while (pattern.IndexOf("${", at, StringComparison.Ordinal) is var open and >= 0 && pattern.IndexOf('}', open) is var close and >= 0)
        {
            literals.Add(pattern[at..open]);
            at = close + 1;
        }

        literals.Add(pattern[at..]);
        _literals = [.. literals];
        LiteralLength = _literals.Sum(l => l.Length);
    }

    /// <summary>How many literal characters the pattern has.</summary>
    public int LiteralLength { get; }

    public bool IsMatch(ReadOnlySpan<char> arn) =>
        arn.StartsWith(_literals[0], StringComparison.Ordinal)
        && (_literals.Length == 1 ? arn.Length == _literals[0].Length : Placeholder(arn[_literals[0].Length..], 0));

    /// <summary>Whether <paramref name="rest"/> (the text after the literal before placeholder <paramref name="index"/>) matches from that placeholder on.</summary>
    private bool Placeholder(ReadOnlySpan<char> rest, int index)
    {
        var next = _literals[index + 1];
        var last = index == _literals.Length - 2;
        if (last && next.Length == 0)
        {
            return rest.Length > 0;
        }

        for (var taken = 1; taken <= rest.Length && rest[taken - 1] != ':'; taken++)
        {
            var after = rest[taken..];
            if (after.StartsWith(next, StringComparison.Ordinal)
                && (last ? after.Length == next.Length : Placeholder(after[next.Length..], index + 1)))
            {
                return true;
            }
        }

        return false;
    }
}
