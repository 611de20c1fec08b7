namespace Sec08Policy.Compiler.Symbols;

public enum Enforcement
{
    /// <summary>Checked by evaluation only.</summary>
    Detective,

    /// <summary>Also prevented at creation by SCP statements where AWS offers a condition key.</summary>
    Preventive,
}
