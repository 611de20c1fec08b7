using Sec08Policy.Engine.Resources;

namespace Sec08Policy.Collector;

/// <summary>Where a live resource "is", for reports that point at a position: its account, Region and type in AWS.</summary>
internal static class LivePosition
{
    public static SourcePosition Of(string? account, string? region, string type, string id) =>
        new($"aws://{account ?? "unknown-account"}/{region ?? "global"}/{type}", 1, 1, "/" + id);
}
