namespace Sec08Policy.Compiler.Syntax;

public enum LogicalOperator
{
    And,
    Or,
}
