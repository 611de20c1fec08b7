using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Symbols;

/// <summary>The policy header; <see cref="Account"/> is the AWS account that owns the keys and policies.</summary>
public sealed record PolicyHeaderSymbol(string Name, string? Description, string? Owner, string? Account, Location Location) : Symbol(Name, Location);
