using System.Globalization;

namespace Sec08Policy.Engine.Iam.Conditions;

/// <summary>How IAM reads condition values as numbers, dates and Booleans.</summary>
internal static class ConditionValues
{
    private static readonly string[] s_isoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd",
        "yyyy-MM",
        "yyyy",
    ];

    /// <summary>An integer or decimal, with an optional sign (Numeric operators).</summary>
    public static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// A date as UTC ticks (Date operators): the W3C profile of ISO 8601 (<c>2026-01-31</c>, <c>2026-01-31T12:00:00Z</c>,
    /// with an offset or fractional seconds; no zone means UTC), or epoch seconds (<c>1769860800</c>).
    /// </summary>
    public static bool TryDate(string text, out long ticks)
    {
        ticks = 0;
        if (text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c == '.') && text.Length != 4)
        {
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
                || seconds > 253402300799m)
            {
                return false;
            }

            ticks = DateTimeOffset.UnixEpoch.Ticks + (long)(seconds * TimeSpan.TicksPerSecond);
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, s_isoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            ticks = date.UtcTicks;
            return true;
        }

        return false;
    }

    /// <summary><c>true</c> or <c>false</c>, ignoring case (Bool and Null operators).</summary>
    public static bool TryBoolean(string text, out bool value)
    {
        value = string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
        return value || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase);
    }
}
