using Sec08Policy.Compiler.Syntax;

namespace Sec08Policy.Compiler.Symbols;

/// <summary>The levels a requirement clause applies to, as <c>classification OP LEVEL</c>.</summary>
public sealed record LevelScope(ComparisonOperator Operator, string Level, int Rank)
{
    public bool Includes(int rank) => Operator switch
    {
        ComparisonOperator.Equal => rank == Rank,
        ComparisonOperator.NotEqual => rank != Rank,
        ComparisonOperator.Less => rank < Rank,
        ComparisonOperator.LessOrEqual => rank <= Rank,
        ComparisonOperator.Greater => rank > Rank,
        ComparisonOperator.GreaterOrEqual => rank >= Rank,
        _ => throw new InvalidOperationException($"unexpected operator {Operator}"),
    };
}
