using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Symbols;

public sealed record PolicyHeaderSymbol(string Name, string? Description, string? Owner, Location Location) : Symbol(Name, Location);
