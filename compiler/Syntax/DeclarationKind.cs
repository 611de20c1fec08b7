namespace Sec08Policy.Compiler.Syntax;

public enum DeclarationKind
{
    Policy,
    Import,
    Classification,
    Key,
    Requirement,
    Allow,
    Deny,
    Waiver,
    Perimeter,
}
