namespace Sec08Policy.Compiler.Syntax;

/// <summary>Whose tag an attribute reference reads.</summary>
public enum TagScope
{
    Principal,
    Resource,
    Request,
}
