using System.Text;
using System.Xml;

namespace Sec08Policy.Engine.Reporting;

/// <summary>
/// Text as XML 1.0 can hold it: characters it forbids (most control characters, lone surrogates), which can come from
/// any input or message, become U+FFFD, so that a JUnit report is always written and always parses.
/// </summary>
internal static class XmlSafeText
{
    public static string Clean(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            var valid = XmlConvert.IsXmlChar(c);
            if (!valid && builder is null)
            {
                builder = new StringBuilder(text.Length).Append(text, 0, i);
            }

            builder?.Append(valid ? c : '\uFFFD');
        }

        return builder?.ToString() ?? text;
    }
}
