using System.Collections.Immutable;

namespace Sec08Policy.Compiler.Emit;

/// <summary>The policy documents of a build, by kind.</summary>
public sealed record BuildDocuments(
    ImmutableArray<EmittedDocument> IdentityPolicies,
    ImmutableArray<EmittedDocument> KeyPolicies,
    ImmutableArray<EmittedDocument> ServiceControlPolicies)
{
    /// <summary>The resource control policies of the policy's perimeters, <c>rcp/N.json</c>.</summary>
    public ImmutableArray<EmittedDocument> ResourceControlPolicies { get; init; } = [];

    public IEnumerable<EmittedDocument> All => IdentityPolicies.Concat(KeyPolicies).Concat(ServiceControlPolicies).Concat(ResourceControlPolicies);
}
