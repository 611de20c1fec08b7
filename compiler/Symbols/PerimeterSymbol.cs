using System.Collections.Immutable;
using Sec08Policy.Compiler.Binding;
using Sec08Policy.Compiler.Text;

namespace Sec08Policy.Compiler.Symbols;

/// <summary>A bound <c>perimeter</c> declaration: its services (IAM prefixes) and its trusted identities, resources and networks.</summary>
public sealed record PerimeterSymbol(
    string Name,
    string? Description,
    ImmutableArray<string> Services,
    ImmutableArray<string> Organizations,
    ImmutableArray<string> Accounts,
    ImmutableArray<string> ResourceAccounts,
    ImmutableArray<string> VpcEndpoints,
    ImmutableArray<string> Vpcs,
    ImmutableArray<string> Cidrs,
    ImmutableArray<string> ExceptPrincipals,
    BoundExpression? Unless,
    Location Location) : Symbol(Name, Location);
