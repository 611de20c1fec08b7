using System.Globalization;

namespace Sec08Policy.Engine.Reporting;

/// <summary>A count with its noun, singular for one: "1 resource", "12 rules".</summary>
public static class Counted
{
    public static string Of(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
