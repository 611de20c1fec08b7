namespace Sec08Policy.Engine.Reporting;

/// <summary>
/// A file path as a SARIF artifact URI. A relative path becomes a relative reference (resolved against the folder the
/// run started in, as code-scanning services resolve it against the checkout); an absolute path becomes an absolute
/// <c>file://</c> URI, since a relative reference that starts with "/" is rejected by SARIF validators. Each segment
/// is percent-encoded, so spaces, <c>#</c> and <c>%</c> in names survive.
/// </summary>
internal static class SarifUri
{
    public static string Of(string path)
    {
        var slashed = path.Replace('\\', '/');
        if (slashed.StartsWith("//", StringComparison.Ordinal))
        {
            return "file:" + Escape(slashed);
        }

        if (slashed.StartsWith('/'))
        {
            return "file://" + Escape(slashed);
        }

        return IsDrive(slashed.Split('/')[0]) ? "file:///" + Escape(slashed) : Escape(slashed);
    }

    private static string Escape(string path) =>
        string.Join('/', path.Split('/').Select((segment, i) => i == 0 && IsDrive(segment) ? segment : Uri.EscapeDataString(segment)));

    /// <summary>A Windows drive, such as <c>C:</c>.</summary>
    private static bool IsDrive(string segment) => segment.Length == 2 && char.IsAsciiLetter(segment[0]) && segment[1] == ':';
}
