using System.Globalization;
using System.Text;

namespace Sec08Policy.Engine.Text;

/// <summary>
/// Keeps messages readable whatever the input: a name or value quoted in backticks that runs past
/// <see cref="MaxQuoted"/> characters is cut, with its length said, so a 1 MB identifier is not echoed whole.
/// </summary>
public static class MessageText
{
    public const int MaxQuoted = 80;

    private const int Kept = 60;

    public static string Shorten(string message)
    {
        if (message.Length <= MaxQuoted)
        {
            return message;
        }

        var result = new StringBuilder(Math.Min(message.Length, 1024));
        var at = 0;
        while (at < message.Length)
        {
            var open = message.IndexOf('`', at);
            var close = open < 0 ? -1 : message.IndexOf('`', open + 1);
            if (close < 0)
            {
                result.Append(message, at, message.Length - at);
                break;
            }

            var length = close - open - 1;
            if (length <= MaxQuoted)
            {
                result.Append(message, at, close + 1 - at);
            }
            else
            {
                // Cut at a whole character: never between the halves of a surrogate pair.
                var kept = char.IsHighSurrogate(message[open + Kept]) ? Kept - 1 : Kept;
                result.Append(message, at, open + 1 + kept - at).Append("…` (")
                    .Append(length.ToString("N0", CultureInfo.InvariantCulture)).Append(" characters)");
            }

            at = close + 1;
        }

        return result.ToString();
    }
}
