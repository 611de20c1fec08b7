using System.Collections.Immutable;
using Sec08Policy.Engine.Model;
using Sec08Policy.Engine.Predicates;

namespace Sec08Policy.Engine.Perimeters;

/// <summary>
/// A data perimeter: who may reach the policy's resources (trusted organizations and accounts), which resources the
/// policy's principals may reach (trusted organizations and resource accounts), and from which networks (VPC
/// endpoints, VPCs, CIDR blocks), for the listed services. AWS service principals, AWS services acting for a principal,
/// and the principals named in <see cref="ExceptPrincipals"/> are outside its reach.
/// </summary>
/// <param name="Services">IAM service prefixes (<c>s3</c>, <c>kms</c>, ...), each one resource control policies can restrict.</param>
/// <param name="Applies">The negation of the perimeter's <c>unless</c> in negation normal form; null when it has none.</param>
public sealed record Perimeter(
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
    Predicate? Applies,
    SourceOrigin Origin)
{
    /// <summary>The statements the perimeter stands for, each with the documents that carry it.</summary>
    public ImmutableArray<PerimeterStatement> Statements => PerimeterStatement.Of(this);
}
