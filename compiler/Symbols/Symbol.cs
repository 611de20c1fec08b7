using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Symbols;

/// <summary>A declared, named thing of the policy set, with where it was declared.</summary>
public abstract record Symbol(string Name, Location Location);
