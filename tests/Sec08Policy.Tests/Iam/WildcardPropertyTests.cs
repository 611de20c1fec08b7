using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Sec08Policy.Engine.Catalog;
using Sec08Policy.Engine.Iam.Matching;

namespace Sec08Policy.Tests.Iam;

/// <summary>The wildcard matcher agrees with a reference translation of the pattern into a regular expression.</summary>
public class WildcardPropertyTests
{
    // A small alphabet with case pairs, so that matches are frequent and case matters.
    private static readonly Gen<string> Text = Gen.String[Gen.Char["abAB/:"], 0, 8];

    private static readonly Gen<(string Pattern, bool[] Literal)> Pattern =
        Gen.Select(Gen.Char["abAB/:*?"], Gen.Bool).Array[0, 7].Select(chars =>
            (new string([.. chars.Select(c => c.Item1)]), chars.Select(c => c.Item2 && c.Item1 is '*' or '?').ToArray()));

    private static Regex Reference(string pattern, bool[] literal, bool ignoreCase)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            regex.Append(literal[i] ? Regex.Escape(pattern[i].ToString()) : pattern[i] switch
            {
                '*' => "(.|\\n)*",
                '?' => "(.|\\n)",
                var c => Regex.Escape(c.ToString()),
            });
        }

        return new Regex(regex.Append('$').ToString(), (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant);
    }

    [Test]
    public void WildcardPattern_AgreesWithRegex()
    {
        Gen.Select(Pattern, Text, Gen.Bool).Sample((p, text, ignoreCase) =>
            WildcardPattern.IsMatch(p.Pattern, p.Literal, text, ignoreCase) == Reference(p.Pattern, p.Literal, ignoreCase).IsMatch(text), iter: 20_000);
    }

    [Test]
    public void GlobPattern_AgreesWithRegex()
    {
        Gen.Select(Pattern, Text, Gen.Bool).Sample((p, text, ignoreCase) =>
            new GlobPattern(p.Pattern, ignoreCase, p.Literal).IsMatch(text) == Reference(p.Pattern, p.Literal, ignoreCase).IsMatch(text), iter: 20_000);
    }

    [Test]
    public void ArnMatch_AgreesWithRegexPerComponent()
    {
        // A six-component pattern matches when each component does; wildcards in the first five never cross a colon.
        Gen.Select(Pattern, Text).Sample((p, text) =>
        {
            var pattern = "arn:" + p.Pattern.Replace(":", string.Empty, StringComparison.Ordinal) + ":s3:::x*";
            var arn = "arn:" + text.Replace(":", string.Empty, StringComparison.Ordinal) + ":s3:::x" + text;
            var head = p.Pattern.Replace(":", string.Empty, StringComparison.Ordinal);
            var literal = p.Pattern.Select((c, i) => (c, i)).Where(x => x.c != ':').Select(x => p.Literal[x.i]).ToArray();
            var expected = Reference(head, literal, ignoreCase: false).IsMatch(text.Replace(":", string.Empty, StringComparison.Ordinal));
            var mask = new bool[pattern.Length];
            literal.CopyTo(mask, 4);
            return ArnMatch.IsMatch(pattern, mask, arn) == expected;
        }, iter: 10_000);
    }
}
