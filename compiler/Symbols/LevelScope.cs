using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Compiler.Symbols;

/// <summary>The levels a requirement clause applies to, as <c>classification OP LEVEL</c>.</summary>
public sealed record LevelScope(ComparisonOperator Operator, string Level, int Rank)
{
    public bool Includes(int rank) => SyntaxFacts.Holds(rank, Operator, Rank);
}
