namespace Sec08Policy.Compiler.Symbols;

public enum AccessEffect
{
    Allow,
    Deny,
}
