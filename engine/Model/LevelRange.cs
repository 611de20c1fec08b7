using System.Collections.Immutable;

namespace Sec08Policy.Engine.Model;

/// <summary>The classification levels a rule applies to, expanded from <c>classification OP LEVEL</c>.</summary>
public sealed record LevelRange(string Expression, ImmutableArray<string> Levels);
