using Sec08Policy.Engine.Catalog;

namespace Sec08Policy.Engine.Access;

/// <summary>
/// IAM's matching of an ARN pattern (a <c>Resource</c>, or an <c>ArnLike</c> value) against an ARN: both are split
/// into their six colon-separated components, the sixth keeping any further colons, and each is matched on its own,
/// case-sensitively, with <c>*</c> (any run, including <c>/</c>) and <c>?</c>. A pattern with fewer components matches
/// its last one against the rest of the ARN, so <c>*</c> matches every ARN.
/// </summary>
public static class ArnPattern
{
    public static bool IsMatch(string pattern, string arn)
    {
        var patternParts = pattern.Split(':', 6);
        var arnParts = arn.Split(':', 6);
        for (var i = 0; i < patternParts.Length; i++)
        {
            var last = i == patternParts.Length - 1;
            if (i >= arnParts.Length)
            {
                return false;
            }

            var text = last ? string.Join(':', arnParts[i..]) : arnParts[i];
            if (!WildcardPattern.IsMatch(patternParts[i], text, ignoreCase: false))
            {
                return false;
            }
        }

        return true;
    }
}
