using System.Collections.Immutable;
using Sec08Policy.Compiler.Symbols;

namespace Sec08Policy.Compiler.Binding;

/// <summary>The meaning of a whole policy set; emitters and lowering read only this, never syntax.</summary>
public sealed record BoundPolicySet(
    PolicyHeaderSymbol? Header,
    ClassificationSymbol? Classification,
    ImmutableArray<KeySymbol> Keys,
    ImmutableArray<RequirementSymbol> Requirements,
    ImmutableArray<AccessRuleSymbol> AccessRules,
    ImmutableArray<WaiverSymbol> Waivers)
{
    public ImmutableArray<PerimeterSymbol> Perimeters { get; init; } = [];
}
