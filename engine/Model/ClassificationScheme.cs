using System.Collections.Immutable;

namespace Sec08Policy.Engine.Model;

/// <summary>The tag that carries a resource's level, the levels from lowest to highest, and the level of untagged data.</summary>
public sealed record ClassificationScheme(string Name, string TagKey, ImmutableArray<string> Levels, string? DefaultLevel)
{
    public int Rank(string level) => Levels.IndexOf(level);
}
