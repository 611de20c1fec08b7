using System.Collections.Immutable;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Symbols;

/// <summary>The classification scheme: the tag that carries a level, the levels from lowest to highest and the default.</summary>
public sealed record ClassificationSymbol(
    string Name,
    string TagKey,
    ImmutableArray<string> Levels,
    string? DefaultLevel,
    Location Location) : Symbol(Name, Location)
{
    /// <summary>The position of a level from the lowest (0), or -1 for a name that is not a level.</summary>
    public int Rank(string level) => Levels.IndexOf(level);
}
